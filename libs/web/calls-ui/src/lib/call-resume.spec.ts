import { TestBed } from '@angular/core/testing';
import type { CallDto } from '@callshop/contracts';
import { RtcConnectionState } from '@callshop/web/rtc';
import { of } from 'rxjs';
import { acceptHere, flush, makeCall, request, seller, setup } from './testing/call-fixtures';

describe('CallManager: rejoin and resume', () => {
  it('restarts ICE after the socket resumed the call, and ends it when the resume is refused', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    socket.resumed$.next({ callId: 'call-1', result: { ok: true, call: makeCall({ status: 'accepted' }) } });
    expect(rtc.restartIce).toHaveBeenCalled();
    socket.resumed$.next({
      callId: 'call-1',
      result: { ok: false, error: { code: 'NOT_FOUND', message: 'Call is over' } },
    });
    await flush();
    expect(manager.outcome()?.title).toBe('The call was lost.');
  });

  it('tells how the call ended when it ended while this device was cut off', async () => {
    const { manager, socket, api } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    api.get.mockReturnValueOnce(
      of(
        makeCall({
          status: 'failed',
          endReason: 'connection_lost',
          connectedAt: '2026-01-01T00:00:10Z',
          durationSeconds: 12,
        }),
      ),
    );
    socket.resumed$.next({
      callId: 'call-1',
      result: { ok: false, error: { code: 'CONFLICT', message: 'The call is already failed' } },
    });
    await flush();
    expect(api.get).toHaveBeenCalledWith('call-1');
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()).toMatchObject({
      title: 'The connection was lost.',
      detail: 'You talked for 0:12 before it dropped.',
    });
  });

  const answeredAt = '2026-01-01T00:00:05Z';
  const connectedAt = '2026-01-01T00:00:08Z';
  const live = (overrides: Partial<CallDto> = {}) =>
    makeCall({
      status: 'accepted',
      answeredAt,
      connectedAt,
      staff: { id: 'staff-1', name: 'Sam' },
      ...overrides,
    });

  it('offers to rejoin an answered call the new page does not hold', () => {
    const { manager, socket, rtc } = setup();
    socket.push('session:ready', { userId: 'cust-1', activeCall: live() });
    expect(manager.phase()).toBe('rejoin');
    expect(manager.call()?.id).toBe('call-1');
    expect(manager.counterpart()).toBe('Lamp Shop');
    expect(manager.busy()).toBe(true);
    // Nothing starts before the click: no camera, no resume.
    expect(rtc.prepareMedia).not.toHaveBeenCalled();
    expect(socket.request).not.toHaveBeenCalled();
  });

  it('rejoins from the click: media, a fresh call:resume, a new connection in the binding role, the timer from connectedAt', async () => {
    const { manager, socket, rtc } = setup(seller);
    socket.push('session:ready', { userId: 'staff-1', activeCall: live() });
    expect(manager.counterpart()).toBe('Ada');
    socket.acks['call:resume'] = { ok: true, call: live(), role: 'callee', polite: true };
    await manager.rejoin();
    expect(rtc.prepareMedia).toHaveBeenCalledWith('video');
    expect(socket.request).toHaveBeenCalledWith('call:resume', { callId: 'call-1', fresh: true });
    expect(rtc.prepareMedia.mock.invocationCallOrder[0]).toBeLessThan(
      socket.request.mock.invocationCallOrder[0],
    );
    expect(rtc.start).toHaveBeenCalledWith(
      expect.objectContaining({ callId: 'call-1', type: 'video', polite: true }),
    );
    // A new connection negotiates from scratch: no ICE restart.
    expect(rtc.restartIce).not.toHaveBeenCalled();
    expect(socket.tracked).toBe('call-1');
    expect(manager.connectedAt()).toBe(Date.parse(connectedAt));
    expect(manager.phase()).toBe('reconnecting');

    // The server counts this new page's media as stopped until it says otherwise.
    rtc.state.set(RtcConnectionState.Connected);
    rtc.incomingFlowing.set(true);
    TestBed.tick();
    await flush();
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:media', { callId: 'call-1', flowing: true });
    expect(manager.phase()).toBe('in-call');
    expect(manager.connectedAt()).toBe(Date.parse(connectedAt));

    // Signals of the call reach the media connection again.
    socket.push('call:signal', { callId: 'call-1', signal: { kind: 'candidate', candidate: null } });
    expect(rtc.handleSignal).toHaveBeenCalled();
  });

  it('hangs up the offered call without opening the camera', async () => {
    const { manager, socket, rtc } = setup();
    socket.push('session:ready', { userId: 'cust-1', activeCall: live() });
    socket.acks['call:hangup'] = {
      ok: true,
      call: live({ status: 'ended', endReason: 'hangup', durationSeconds: 65 }),
    };
    await manager.hangup();
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:hangup', { callId: 'call-1' });
    expect(rtc.prepareMedia).not.toHaveBeenCalled();
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()).toMatchObject({ title: 'Call ended', detail: 'Duration 1:05' });
  });

  it('closes the offer and shows the usual outcome when the call ends meanwhile', () => {
    const { manager, socket } = setup();
    socket.push('session:ready', { userId: 'cust-1', activeCall: live() });
    socket.push('call:ended', {
      call: live({ status: 'failed', endReason: 'connection_lost', durationSeconds: 30 }),
    });
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()?.title).toBe('The connection was lost.');
    expect(manager.call()?.status).toBe('failed');
  });

  it('stops when the call ended while the camera opened, and explains a refused resume', async () => {
    const { manager, socket, rtc } = setup();
    socket.push('session:ready', { userId: 'cust-1', activeCall: live() });
    let granted: (v: object) => void = () => undefined;
    rtc.prepareMedia.mockImplementationOnce(() => new Promise<object>((r) => (granted = r)));
    const rejoining = manager.rejoin();
    expect(manager.rejoining()).toBe(true);
    socket.push('call:ended', { call: live({ status: 'failed', endReason: 'connection_lost' }) });
    granted({});
    await rejoining;
    expect(socket.request).not.toHaveBeenCalled();
    expect(rtc.start).not.toHaveBeenCalled();
    expect(manager.phase()).toBe('ended');

    socket.push('session:ready', { userId: 'cust-1', activeCall: live({ id: 'call-2' }) });
    expect(manager.phase()).toBe('rejoin');
    socket.acks['call:resume'] = {
      ok: false,
      error: { code: 'CONFLICT', message: 'The call is already failed' },
    };
    await manager.rejoin();
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()).toMatchObject({
      title: 'The call could not be rejoined.',
      detail: 'The call is already failed',
    });
    expect(rtc.close).toHaveBeenCalled();
  });

  it('leaves a call this page holds to the socket resume', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket, live());
    socket.push('session:ready', { userId: 'cust-1', activeCall: live() });
    expect(manager.phase()).toBe('connecting');
    expect(rtc.prepareMedia).toHaveBeenCalledTimes(1);
  });

  it('renegotiates when the other device comes back', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket, live());
    socket.push('call:peer-disconnected', { callId: 'call-1', graceMs: 20000 });
    expect(manager.phase()).toBe('reconnecting');
    // Nothing this side tries can reach it: recovery holds; the server's grace decides.
    expect(rtc.peerLeft).toHaveBeenCalled();
    rtc.state.set(RtcConnectionState.Reconnecting);
    TestBed.tick();
    expect(manager.phase()).toBe('reconnecting');
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:hangup', expect.anything());
    socket.push('call:peer-reconnected', { callId: 'call-1', fresh: false });
    expect(manager.peerAway()).toBe(false);
    expect(rtc.peerReturned).toHaveBeenLastCalledWith(false);
    // Back as a new page: a new connection here too.
    socket.push('call:peer-reconnected', { callId: 'call-1', fresh: true });
    expect(rtc.peerReturned).toHaveBeenLastCalledWith(true);
  });
});
