import { TestBed } from '@angular/core/testing';
import { AuthSession, SocketState } from '@callshop/web/core';
import { RtcConnectionState } from '@callshop/web/rtc';
import { acceptHere, makeCall, request, setup } from './testing/call-fixtures';

describe('CallManager: the live call', () => {
  it('goes connecting on call:accepted for this device, then in-call when media flows', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    expect(rtc.start).toHaveBeenCalledWith(expect.objectContaining({ callId: 'call-1', polite: false }));
    expect(manager.phase()).toBe('connecting');

    rtc.state.set(RtcConnectionState.Connected);
    TestBed.tick();
    expect(manager.phase()).toBe('in-call');
    expect(manager.connectedAt()).not.toBeNull();

    socket.state.set(SocketState.Reconnecting);
    expect(manager.phase()).toBe('reconnecting');
    socket.state.set(SocketState.Connected);
    expect(manager.phase()).toBe('in-call');
  });

  it('ignores an accept meant for another device of the same user', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    socket.push('call:accepted', {
      call: makeCall({ status: 'accepted' }),
      role: 'caller',
      polite: false,
      deviceId: 'other',
    });
    // Negotiation started while ringing; the foreign accept changes nothing.
    expect(rtc.start).toHaveBeenCalledTimes(1);
    expect(manager.phase()).toBe('outgoing');
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:signal', expect.anything());
  });

  it('negotiates while ringing: the offer waits for the answer, then goes out first', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    expect(rtc.start).toHaveBeenCalledWith(expect.objectContaining({ callId: 'call-1', polite: false }));
    const { send } = rtc.start.mock.calls[0][0] as unknown as { send: (s: unknown) => void };
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0' } };
    const candidate = { kind: 'candidate', candidate: { candidate: 'c1' } };
    send(offer);
    send(candidate);
    expect(socket.emitWithAck).not.toHaveBeenCalled();

    acceptHere(socket);
    const signals = socket.emitWithAck.mock.calls.filter(([event]) => event === 'call:signal');
    expect(signals).toEqual([
      ['call:signal', { callId: 'call-1', signal: offer }],
      ['call:signal', { callId: 'call-1', signal: candidate }],
    ]);
    send(candidate);
    expect(socket.emitWithAck).toHaveBeenCalledTimes(3);
    expect(manager.phase()).toBe('connecting');
  });

  it('drops what it negotiated while ringing when the call is not answered', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    const { send } = rtc.start.mock.calls[0][0] as unknown as { send: (s: unknown) => void };
    send({ kind: 'description', description: { type: 'offer', sdp: 'v=0' } });
    socket.push('call:ended', { call: makeCall({ status: 'declined', endReason: 'declined' }) });
    expect(rtc.close).toHaveBeenCalled();
    send({ kind: 'candidate', candidate: null });
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:signal', expect.anything());
  });

  it('hangs up and shows the duration', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    socket.acks['call:hangup'] = {
      ok: true,
      call: makeCall({ status: 'ended', endReason: 'hangup', durationSeconds: 125 }),
    };
    await manager.hangup();
    expect(manager.outcome()).toMatchObject({ title: 'Call ended', detail: 'Duration 2:05' });
    expect(rtc.close).toHaveBeenCalled();
  });

  it('ends as connection lost when media cannot be restored', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    rtc.state.set(RtcConnectionState.Failed);
    TestBed.tick();
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()?.title).toBe('The connection was lost.');
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:hangup', { callId: 'call-1' });
  });

  it('forwards signals for the current call only', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    const signal = { kind: 'candidate', candidate: null };
    socket.push('call:signal', { callId: 'other', signal });
    socket.push('call:signal', { callId: 'call-1', signal });
    expect(rtc.handleSignal).toHaveBeenCalledTimes(1);
    expect(manager.phase()).toBe('outgoing');
  });

  it('ends everything on logout', async () => {
    const { manager, rtc } = setup();
    await manager.placeCall(request);
    TestBed.inject(AuthSession).end();
    TestBed.tick();
    expect(manager.phase()).toBe('idle');
    expect(rtc.close).toHaveBeenCalled();
  });
});
