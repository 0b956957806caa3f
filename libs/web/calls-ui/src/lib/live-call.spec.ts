import { TestBed } from '@angular/core/testing';
import { AuthSession, SocketState } from '@callshop/web/core';
import { RtcConnectionState } from '@callshop/web/rtc';
import type { SellerInfoDto } from '@callshop/contracts';
import { of } from 'rxjs';
import { acceptHere, connect, flush, makeCall, request, seller, setup } from './testing/call-fixtures';

describe('CallManager: the live call', () => {
  it('goes connecting on call:accepted for this device, then in-call once the call connected', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    expect(rtc.start).toHaveBeenCalledWith(expect.objectContaining({ callId: 'call-1', polite: false }));
    expect(rtc.expectConnection).toHaveBeenCalled();
    expect(manager.phase()).toBe('connecting');

    // Answered is not connected: this side's media flowing is not enough, nor is ICE.
    rtc.state.set(RtcConnectionState.Connected);
    rtc.incomingFlowing.set(true);
    TestBed.tick();
    expect(manager.phase()).toBe('connecting');
    expect(manager.connectedAt()).toBeNull();

    const before = Date.now();
    connect(socket, rtc);
    expect(manager.phase()).toBe('in-call');
    expect(manager.connectedAt()).toBeGreaterThanOrEqual(before);
    expect(manager.call()?.connectedAt).toBe('2026-01-01T00:00:10Z');

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

  it('negotiates while ringing: the offer and candidates go to the server at once, which holds them for the device that answers', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    expect(rtc.start).toHaveBeenCalledWith(expect.objectContaining({ callId: 'call-1', polite: false }));
    const { send } = rtc.start.mock.calls[0][0] as unknown as { send: (s: unknown) => void };
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0' } };
    const candidate = { kind: 'candidate', candidate: { candidate: 'c1' } };
    send(offer);
    send(candidate);
    const signals = () => socket.emitWithAck.mock.calls.filter(([event]) => event === 'call:signal');
    expect(signals()).toEqual([
      ['call:signal', { callId: 'call-1', signal: offer }],
      ['call:signal', { callId: 'call-1', signal: candidate }],
    ]);
    await flush();

    // Answered: nothing is sent again; what follows goes out as it comes.
    acceptHere(socket);
    expect(signals()).toHaveLength(2);
    send(candidate);
    expect(signals()).toHaveLength(3);
    expect(manager.phase()).toBe('connecting');
  });

  it('a message the server could not hold waits for the answer, and those after it wait behind it', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    const { send } = rtc.start.mock.calls[0][0] as unknown as { send: (s: unknown) => void };
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0' } };
    const candidate = { kind: 'candidate', candidate: { candidate: 'c1' } };
    socket.acks['call:signal'] = {
      ok: false,
      error: { code: 'NOT_IN_CALL', message: 'The call is ringing' },
    };
    send(offer);
    await flush();
    send(candidate);
    const signals = () => socket.emitWithAck.mock.calls.filter(([event]) => event === 'call:signal');
    expect(signals()).toHaveLength(1);

    socket.acks['call:signal'] = { ok: true };
    acceptHere(socket);
    expect(signals().slice(1)).toEqual([
      ['call:signal', { callId: 'call-1', signal: offer }],
      ['call:signal', { callId: 'call-1', signal: candidate }],
    ]);
  });

  it('sends nothing more of what it negotiated once the call ends unanswered', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    const { send } = rtc.start.mock.calls[0][0] as unknown as { send: (s: unknown) => void };
    send({ kind: 'description', description: { type: 'offer', sdp: 'v=0' } });
    socket.push('call:ended', { call: makeCall({ status: 'declined', endReason: 'declined' }) });
    expect(rtc.close).toHaveBeenCalled();
    socket.emitWithAck.mockClear();
    send({ kind: 'candidate', candidate: null });
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:signal', expect.anything());
  });

  it('shrinks to the mini view only while the call is on, and a new call starts full size', async () => {
    const { manager, socket } = setup();
    await manager.placeCall(request);
    manager.minimizeCall(); // still ringing: nothing to shrink
    expect(manager.minimized()).toBe(false);
    acceptHere(socket);
    manager.minimizeCall();
    expect(manager.minimized()).toBe(true);
    manager.restoreCall();
    expect(manager.minimized()).toBe(false);
    manager.minimizeCall();
    socket.push('call:ended', { call: makeCall({ status: 'ended', endReason: 'hangup' }) });
    expect(manager.minimized()).toBe(false); // the end is shown full size
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

  it('never hangs up because the connection gave out: it shows reconnecting until the server ends the call', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    connect(socket, rtc);
    rtc.state.set(RtcConnectionState.Reconnecting);
    rtc.incomingFlowing.set(false);
    TestBed.tick();
    expect(manager.phase()).toBe('reconnecting');
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:hangup', expect.anything());

    socket.push('call:ended', {
      call: makeCall({
        status: 'failed',
        endReason: 'connection_lost',
        connectedAt: '2026-01-01T00:00:10Z',
        durationSeconds: 42,
      }),
    });
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()).toMatchObject({
      title: 'The connection was lost.',
      detail: 'You talked for 0:42 before it dropped.',
    });
    expect(rtc.close).toHaveBeenCalled();
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:hangup', expect.anything());
  });

  it('asks the other device for a new connection when recovery needs one (call:resume, fresh)', async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    const { renew } = rtc.start.mock.calls[0][0] as unknown as { renew: () => Promise<boolean> };
    socket.acks['call:resume'] = {
      ok: true,
      call: makeCall({ status: 'accepted' }),
      role: 'caller',
      polite: false,
    };
    await expect(renew()).resolves.toBe(true);
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:resume', { callId: 'call-1', fresh: true });

    // Not while the other device is away: there is nobody to start one with.
    socket.push('call:peer-disconnected', { callId: 'call-1', graceMs: 20000 });
    socket.emitWithAck.mockClear();
    await expect(renew()).resolves.toBe(false);
    expect(socket.emitWithAck).not.toHaveBeenCalled();
    expect(manager.phase()).toBe('reconnecting');
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

  it('finds the other party’s phone for a call the network kept from connecting', async () => {
    const shopSide = setup(seller);
    shopSide.api.contacts.mockReturnValueOnce(
      of([
        {
          customer: { id: 'cust-1', name: 'Ada' },
          phoneNumber: '+1 (555) 010-7788',
          lastContactAt: '',
          online: false,
        },
      ]),
    );
    shopSide.socket.push('call:incoming', { call: makeCall() });
    shopSide.socket.push('call:ended', { call: makeCall({ status: 'failed', endReason: 'media_failed' }) });
    await expect(shopSide.manager.counterpartPhone()).resolves.toEqual({
      name: 'Ada',
      number: '+1 (555) 010-7788',
      href: 'tel:+15550107788',
    });
  });

  it('has no phone to offer when the shop lists none', async () => {
    const { manager, socket, api } = setup();
    await manager.placeCall(request);
    api.sellerInfo.mockReturnValueOnce(of({ phoneNumber: null } as SellerInfoDto));
    socket.push('call:ended', { call: makeCall({ status: 'failed', endReason: 'media_failed' }) });
    await expect(manager.counterpartPhone()).resolves.toBeNull();
    expect(api.sellerInfo).toHaveBeenCalledWith('shop-1');
  });

  it("says when the other side's media stopped and came back, only for this call", async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    connect(socket, rtc);
    rtc.quality.set({ level: 'good', reason: null });
    expect(manager.phase()).toBe('in-call');
    expect(manager.quality()).toMatchObject({ level: 'good' });

    socket.push('call:peer-connection', { callId: 'other-call', state: 'interrupted' });
    expect(manager.phase()).toBe('in-call');

    // This side still receives everything; the seller's device says it gets nothing.
    socket.push('call:peer-connection', { callId: 'call-1', state: 'interrupted' });
    expect(manager.phase()).toBe('reconnecting');
    expect(manager.peerDropped()).toBe(true);
    expect(manager.statusText(Date.now())).toBe("Reconnecting… (the seller's connection dropped)");
    expect(manager.quality()).toEqual({
      level: 'poor',
      text: "Connection: Poor · The seller's connection dropped",
    });
    // Nothing for this side to do: no hang-up, the server's grace decides.
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:hangup', expect.anything());

    socket.push('call:peer-connection', { callId: 'call-1', state: 'restored' });
    expect(manager.phase()).toBe('in-call');
    expect(manager.statusText(Date.now())).toMatch(/^In call/);
    expect(manager.quality()).toMatchObject({ level: 'good' });
  });

  it("forgets the other side's state while this socket is down (the server says it again on resume)", async () => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    acceptHere(socket);
    connect(socket, rtc);
    socket.push('call:peer-connection', { callId: 'call-1', state: 'interrupted' });
    expect(manager.peerDropped()).toBe(true);

    socket.state.set(SocketState.Reconnecting);
    TestBed.tick();
    // This side's own connection dropped: no blaming the other side.
    expect(manager.phase()).toBe('reconnecting');
    expect(manager.peerDropped()).toBe(false);
    expect(manager.statusText(Date.now())).toBe('Reconnecting…');
    socket.state.set(SocketState.Connected);
    TestBed.tick();
    expect(manager.phase()).toBe('in-call');
  });

  it('names the customer to the seller', async () => {
    const { manager, socket, rtc } = setup(seller);
    socket.push('call:incoming', { call: makeCall() });
    socket.acks['call:accept'] = {
      ok: true,
      call: makeCall({ status: 'accepted' }),
      role: 'callee',
      polite: true,
    };
    await manager.accept();
    connect(socket, rtc);
    expect(manager.phase()).toBe('in-call');
    socket.push('call:peer-connection', { callId: 'call-1', state: 'interrupted' });
    expect(manager.statusText(Date.now())).toBe("Reconnecting… (the customer's connection dropped)");
  });
});
