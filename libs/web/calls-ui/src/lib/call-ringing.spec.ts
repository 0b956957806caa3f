import { RtcMediaError } from '@callshop/web/rtc';
import { flush, makeCall, request, seller, setup } from './testing/call-fixtures';

describe('CallManager: incoming calls (seller)', () => {
  it('rings, then accepts from the click: media, call:accept, polite peer', async () => {
    const { manager, socket, rtc, ringtone } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    expect(manager.phase()).toBe('incoming');
    expect(manager.counterpart()).toBe('Ada');
    expect(ringtone.start).toHaveBeenCalled();

    socket.acks['call:accept'] = {
      ok: true,
      call: makeCall({ status: 'accepted' }),
      role: 'callee',
      polite: true,
    };
    await manager.accept();
    expect(ringtone.stop).toHaveBeenCalled();
    expect(rtc.prepareMedia).toHaveBeenCalledWith('video');
    expect(rtc.start).toHaveBeenCalledWith(expect.objectContaining({ polite: true, callId: 'call-1' }));
    expect(manager.phase()).toBe('connecting');
  });

  it("answers the caller's offer and candidates the server held, then what reached it while accepting", async () => {
    const { manager, socket, rtc } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0' } };
    const held = { kind: 'candidate', candidate: { candidate: 'c1', sdpMid: '0', sdpMLineIndex: 0 } };
    const later = { kind: 'candidate', candidate: null };
    let answer: (v: { ok: boolean }) => void = () => undefined;
    socket.request.mockImplementationOnce(() => new Promise((r) => (answer = r)));
    const accepting = manager.accept();
    await flush();
    // The push of the accept and the caller's next candidate overtake the answer to call:accept:
    // the call goes live with the answer, which brings the offer the candidate belongs to.
    socket.push('call:accepted', {
      call: makeCall({ status: 'accepted' }),
      role: 'callee',
      polite: true,
      deviceId: socket.id,
    });
    socket.push('call:signal', { callId: 'call-1', signal: later });
    expect(rtc.start).not.toHaveBeenCalled();
    expect(rtc.handleSignal).not.toHaveBeenCalled();
    const binding = {
      call: makeCall({ status: 'accepted' }),
      role: 'callee',
      polite: true,
      signals: [offer, held],
    };
    answer({ ok: true, ...binding });
    await accepting;
    expect(rtc.start).toHaveBeenCalledWith(expect.objectContaining({ polite: true, callId: 'call-1' }));
    expect(rtc.handleSignal.mock.calls).toEqual([[offer], [held], [later]]);
  });

  it('with the camera already allowed, takes the call while the camera opens and answers once it is open', async () => {
    const { manager, socket, rtc } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.acks['call:accept'] = {
      ok: true,
      call: makeCall({ status: 'accepted' }),
      role: 'callee',
      polite: true,
    };
    rtc.mediaAllowedWithoutPrompt.mockReturnValue(true);
    let opened: (v: object) => void = () => undefined;
    rtc.prepareMedia.mockReturnValue(new Promise<object>((r) => (opened = r)));
    const accepting = manager.accept();
    await flush();
    expect(socket.request).toHaveBeenCalledWith('call:accept', { callId: 'call-1' });
    expect(rtc.start).not.toHaveBeenCalled();
    opened({});
    await accepting;
    expect(rtc.start).toHaveBeenCalledWith(expect.objectContaining({ polite: true, callId: 'call-1' }));
  });

  it('with the camera already allowed, hangs up the taken call when the camera fails after all', async () => {
    const { manager, socket, rtc } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.acks['call:accept'] = {
      ok: true,
      call: makeCall({ status: 'accepted' }),
      role: 'callee',
      polite: true,
    };
    rtc.mediaAllowedWithoutPrompt.mockReturnValue(true);
    rtc.prepareMedia.mockRejectedValue(new RtcMediaError('no-device', 'No camera or microphone was found.'));
    await manager.accept();
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:hangup', { callId: 'call-1' });
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:decline', expect.anything());
    expect(rtc.start).not.toHaveBeenCalled();
    expect(manager.phase()).toBe('ended');
  });

  it('stops ringing when another staff member answers', () => {
    const { manager, socket, ringtone } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.push('call:answered-elsewhere', {
      callId: 'call-1',
      answeredBy: { id: 'staff-2', name: 'Kim' },
    });
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()?.title).toBe('Answered by Kim');
    expect(ringtone.stop).toHaveBeenCalled();
  });

  it('says "Answered on another device" when the same user answered elsewhere', () => {
    const { manager, socket } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.push('call:answered-elsewhere', {
      callId: 'call-1',
      answeredBy: { id: 'staff-1', name: 'Sam' },
    });
    expect(manager.outcome()?.title).toBe('Answered on another device');
  });

  it('declines', async () => {
    const { manager, socket } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.acks['call:decline'] = {
      ok: true,
      call: makeCall({ status: 'declined', endReason: 'declined' }),
    };
    await manager.decline();
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:decline', { callId: 'call-1' });
    expect(manager.outcome()?.title).toBe('You declined the call.');
  });

  it('declining a call that rings on for colleagues says "You declined" here', async () => {
    const { manager, socket, ringtone } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.acks['call:decline'] = { ok: true, call: makeCall() };
    await manager.decline();
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()?.title).toBe('You declined the call.');
    expect(ringtone.stop).toHaveBeenCalled();
  });

  it('stops ringing when this user declined on another device', () => {
    const other = setup(seller);
    other.socket.push('call:incoming', { call: makeCall() });
    other.socket.push('call:ring-stopped', { callId: 'call-2', reason: 'declined' });
    expect(other.manager.phase()).toBe('incoming');
    other.socket.push('call:ring-stopped', { callId: 'call-1', reason: 'declined' });
    expect(other.manager.outcome()?.title).toBe('You declined the call.');
    expect(other.ringtone.stop).toHaveBeenCalled();
  });

  it('shows a missed call when the caller cancels', () => {
    const { manager, socket } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.push('call:ended', { call: makeCall({ status: 'cancelled', endReason: 'cancelled' }) });
    expect(manager.outcome()?.title).toBe('Missed call from Ada.');
  });

  it('does not ring over a call in progress', async () => {
    const { manager, socket } = setup();
    await manager.placeCall(request);
    socket.push('call:incoming', { call: makeCall({ id: 'call-2', initiatedBy: 'shop' }) });
    expect(manager.call()?.id).toBe('call-1');
    expect(manager.phase()).toBe('outgoing');
  });

  it('still rings a ringing call again after a reload', () => {
    const { manager, socket } = setup(seller);
    socket.push('session:ready', { userId: 'staff-1', activeCall: makeCall() });
    expect(manager.phase()).toBe('incoming');
  });
});
