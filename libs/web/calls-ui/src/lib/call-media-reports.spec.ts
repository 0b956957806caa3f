import { TestBed } from '@angular/core/testing';
import { SocketState } from '@callshop/web/core';
import { RtcConnectionState } from '@callshop/web/rtc';
import { acceptHere, flush, makeCall, request, setup } from './testing/call-fixtures';

const mediaReports = (emit: jest.Mock) =>
  emit.mock.calls.filter(([event]) => event === 'call:media').map(([, payload]) => payload);

async function liveCall() {
  const fixture = setup();
  await fixture.manager.placeCall(request);
  acceptHere(fixture.socket);
  const flowing = async (value: boolean) => {
    fixture.rtc.incomingFlowing.set(value);
    TestBed.tick();
    await flush();
  };
  return { ...fixture, flowing };
}

describe('CallManager: media reports', () => {
  it('tells the server when the other side’s media starts, stops and comes back, on changes only', async () => {
    const { socket, rtc, flowing } = await liveCall();
    rtc.state.set(RtcConnectionState.Connected);
    await flowing(false);
    expect(mediaReports(socket.emitWithAck)).toEqual([]);
    await flowing(true);
    await flowing(true);
    await flowing(false);
    await flowing(true);
    expect(mediaReports(socket.emitWithAck)).toEqual([
      { callId: 'call-1', flowing: true },
      { callId: 'call-1', flowing: false },
      { callId: 'call-1', flowing: true },
    ]);
  });

  it('tells it again until the server acknowledges, and after a reconnect', async () => {
    const { socket, flowing } = await liveCall();
    socket.acks['call:media'] = { ok: false, error: { code: 'INTERNAL', message: 'no answer' } };
    await flowing(true);
    expect(mediaReports(socket.emitWithAck)).toHaveLength(1);
    delete socket.acks['call:media'];
    await new Promise((r) => setTimeout(r, 30));
    await flush();
    expect(mediaReports(socket.emitWithAck)).toHaveLength(2);

    // Stopped while the socket was down: told once it is back.
    socket.state.set(SocketState.Reconnecting);
    await flowing(false);
    expect(mediaReports(socket.emitWithAck)).toHaveLength(2);
    socket.state.set(SocketState.Connected);
    TestBed.tick();
    await flush();
    expect(mediaReports(socket.emitWithAck).at(-1)).toEqual({ callId: 'call-1', flowing: false });
  });

  it('starts from "not flowing" after this side started a new connection', async () => {
    const { socket, rtc, flowing } = await liveCall();
    await flowing(true);
    const { renew } = rtc.start.mock.calls[0][0] as unknown as { renew: () => Promise<boolean> };
    socket.acks['call:resume'] = {
      ok: true,
      call: makeCall({ status: 'accepted' }),
      role: 'caller',
      polite: false,
    };
    await renew();
    await flush();
    // Still flowing by the detector's last word: the server must hear it again.
    expect(mediaReports(socket.emitWithAck)).toEqual([
      { callId: 'call-1', flowing: true },
      { callId: 'call-1', flowing: true },
    ]);
  });

  it('sends quality samples of the live call only', async () => {
    const { manager, socket, rtc } = await liveCall();
    const { report } = rtc.start.mock.calls[0][0] as unknown as { report: (s: unknown) => void };
    const sample = {
      rttMs: 40,
      lossPct: 0,
      jitterMs: 3,
      bitrateKbps: 900,
      fps: 30,
      width: 640,
      height: 480,
      relayed: true,
    };
    report(sample);
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:quality', { callId: 'call-1', sample });
    socket.push('call:ended', { call: makeCall({ status: 'ended', endReason: 'hangup' }) });
    socket.emitWithAck.mockClear();
    report(sample);
    expect(socket.emitWithAck).not.toHaveBeenCalled();
    expect(manager.phase()).toBe('ended');
  });

  it('takes the connected moment from call:connected for this call, or from the resumed call', async () => {
    const { manager, socket } = await liveCall();
    socket.push('call:connected', { call: makeCall({ id: 'other', connectedAt: '2026-01-01T00:00:10Z' }) });
    expect(manager.connectedAt()).toBeNull();
    socket.resumed$.next({
      callId: 'call-1',
      result: { ok: true, call: makeCall({ status: 'accepted', connectedAt: '2026-01-01T00:00:10Z' }) },
    });
    expect(manager.connectedAt()).not.toBeNull();
    expect(manager.call()?.connectedAt).toBe('2026-01-01T00:00:10Z');
  });
});
