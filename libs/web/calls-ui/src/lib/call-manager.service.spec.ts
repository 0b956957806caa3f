import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallDto, UserDto } from '@callshop/contracts';
import {
  AuthSession,
  CallSocket,
  CallsApi,
  SESSION_STORAGE,
  SESSION_STORAGE_KEY,
  SocketRequestError,
  SocketState,
} from '@callshop/web/core';
import { RtcConnectionState, RtcMediaError, RtcService } from '@callshop/web/rtc';
import { Subject } from 'rxjs';
import { CallNotifier } from './call-notifier.service';
import { CALL_AUTO_DISMISS_MS, CallManager } from './call-manager.service';
import { Ringtone } from './ringtone.service';

class FakeSocket {
  id = 'device-1';
  state = signal(SocketState.Connected);
  subjects = new Map<string, Subject<unknown>>();
  resumed$ = new Subject<{ callId: string; result: unknown }>();
  tracked: string | null = null;
  acks: Record<string, unknown> = {};
  emitWithAck = jest.fn(async (event: string) => this.acks[event] ?? { ok: true, call: undefined });
  /** Answers `call:initiate`. */
  initiate: jest.Mock<Promise<unknown>, [unknown?]> = jest.fn(async () => ({ ok: true, call: makeCall() }));
  request = jest.fn(async (event: string, payload?: unknown) => {
    const ack = (
      event === 'call:initiate'
        ? await this.initiate(payload)
        : (this.acks[event] ?? { ok: false, error: { code: 'INTERNAL', message: 'no' } })
    ) as { ok: boolean; error?: { code: 'INTERNAL'; message: string } };
    if (!ack.ok && ack.error) throw new SocketRequestError(ack.error);
    return ack;
  });
  whenConnected = jest.fn(async () => this.id);
  get sessionReady$() {
    return this.on('session:ready');
  }
  on(event: string) {
    if (!this.subjects.has(event)) this.subjects.set(event, new Subject());
    return (this.subjects.get(event) as Subject<unknown>).asObservable();
  }
  push(event: string, payload: unknown) {
    this.subjects.get(event)?.next(payload);
  }
  trackCall(id: string | null) {
    this.tracked = id;
  }
}

class FakeRtc {
  state = signal(RtcConnectionState.Idle);
  prepareMedia = jest.fn(async () => ({}));
  start = jest.fn(async (_options: unknown) => this.state.set(RtcConnectionState.Connecting));
  close = jest.fn(() => this.state.set(RtcConnectionState.Closed));
  reset = jest.fn(() => this.state.set(RtcConnectionState.Idle));
  handleSignal = jest.fn(async () => undefined);
  restartIce = jest.fn();
  peerReturned = jest.fn((_fresh?: boolean) => undefined);
}

const customer: UserDto = {
  id: 'cust-1',
  role: 'customer',
  name: 'Ada',
  email: 'a@x',
  phoneNumber: null,
  createdAt: '',
};
const seller: UserDto = { ...customer, id: 'staff-1', role: 'seller', name: 'Sam', shopId: 'shop-1' };

function makeCall(overrides: Partial<CallDto> = {}): CallDto {
  return {
    id: 'call-1',
    type: 'video',
    status: 'ringing',
    endReason: null,
    initiatedBy: 'customer',
    customer: { id: 'cust-1', name: 'Ada' },
    shop: { id: 'shop-1', name: 'Lamp Shop', isPlatform: false },
    staff: null,
    product: { id: 'p1', name: 'Desk lamp', price: 4999, currency: 'USD', image: null },
    createdAt: '2026-01-01T00:00:00Z',
    ringDeadlineAt: null,
    answeredAt: null,
    endedAt: null,
    durationSeconds: null,
    ...overrides,
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(user: UserDto = customer, initiate?: FakeSocket['initiate']) {
  const socket = new FakeSocket();
  if (initiate) socket.initiate = initiate;
  const rtc = new FakeRtc();
  const ringtone = { start: jest.fn(), stop: jest.fn() };
  TestBed.configureTestingModule({
    providers: [
      { provide: CallSocket, useValue: socket },
      { provide: RtcService, useValue: rtc },
      { provide: CallsApi, useValue: { cancel: jest.fn(), hangup: jest.fn() } },
      { provide: Ringtone, useValue: ringtone },
      { provide: CallNotifier, useValue: { notify: jest.fn(), close: jest.fn() } },
      { provide: SESSION_STORAGE_KEY, useValue: 'test' },
      { provide: SESSION_STORAGE, useValue: null },
      { provide: CALL_AUTO_DISMISS_MS, useValue: 10 },
    ],
  });
  TestBed.inject(AuthSession).start({ accessToken: 'tok', expiresIn: 3600, user });
  const manager = TestBed.inject(CallManager);
  TestBed.tick();
  return { manager, socket, rtc, ringtone, initiate: socket.initiate };
}

const request = { type: 'video' as const, sellerId: 'shop-1', productId: 'p1', displayName: 'Lamp Shop' };

describe('CallManager', () => {
  describe('outgoing call (customer)', () => {
    it('gets media first, then initiates over the connected socket and rings', async () => {
      const { manager, socket, rtc, initiate } = setup();
      await manager.placeCall(request);
      expect(rtc.prepareMedia).toHaveBeenCalledWith('video');
      expect(socket.whenConnected).toHaveBeenCalled();
      expect(socket.request).toHaveBeenCalledWith('call:initiate', {
        sellerId: 'shop-1',
        productId: 'p1',
        customerId: undefined,
        type: 'video',
      });
      expect(initiate).toHaveBeenCalledTimes(1);
      expect(manager.phase()).toBe('outgoing');
      expect(manager.counterpart()).toBe('Lamp Shop');
      expect(socket.tracked).toBe('call-1');
    });

    it('goes connecting on call:accepted for this device, then in-call when media flows', async () => {
      const { manager, socket, rtc } = setup();
      await manager.placeCall(request);
      socket.push('call:accepted', {
        call: makeCall({ status: 'accepted' }),
        role: 'caller',
        polite: false,
        deviceId: 'device-1',
      });
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

      socket.push('call:accepted', {
        call: makeCall({ status: 'accepted' }),
        role: 'caller',
        polite: false,
        deviceId: 'device-1',
      });
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

    it('says the seller is offline when initiate answers missed/offline, and offers a callback', async () => {
      const { manager, rtc } = setup(
        customer,
        jest.fn(async () => ({ ok: true, call: makeCall({ status: 'missed', endReason: 'offline' }) })),
      );
      await manager.placeCall(request);
      expect(manager.phase()).toBe('ended');
      expect(manager.outcome()).toMatchObject({
        title: 'Lamp Shop is offline right now.',
        suggestCallback: true,
      });
      expect(rtc.close).toHaveBeenCalled();
    });

    it.each([
      [{ status: 'declined', endReason: 'declined' }, 'Lamp Shop declined the call.'],
      [{ status: 'missed', endReason: 'timeout' }, 'No answer from Lamp Shop.'],
      [{ status: 'busy', endReason: 'busy' }, 'Lamp Shop is on another call.'],
    ] as const)('ends with a plain outcome for %p', async (ending, title) => {
      const { manager, socket, rtc } = setup();
      await manager.placeCall(request);
      socket.push('call:ended', { call: makeCall(ending) });
      expect(manager.phase()).toBe('ended');
      expect(manager.outcome()?.title).toBe(title);
      expect(rtc.close).toHaveBeenCalled();
      expect(socket.tracked).toBeNull();
    });

    it('explains a blocked camera and does not ring the seller', async () => {
      const { manager, rtc, initiate } = setup();
      rtc.prepareMedia.mockRejectedValueOnce(new RtcMediaError('permission-denied', 'blocked'));
      await manager.placeCall(request);
      expect(initiate).not.toHaveBeenCalled();
      expect(manager.outcome()).toMatchObject({ mediaError: 'permission-denied', suggestCallback: true });
      expect(manager.outcome()?.detail).toContain('allow');

      await manager.retryAudioOnly();
      expect(rtc.prepareMedia).toHaveBeenLastCalledWith('audio');
      expect(manager.phase()).toBe('outgoing');
    });

    it('tells the caller about a conflict in plain words, and passes other refusals on', async () => {
      const conflict = jest.fn(async () => ({
        ok: false,
        error: { code: 'CONFLICT', message: 'You already have a live call: end it first' },
      }));
      const { manager, socket } = setup(customer, conflict);
      await manager.placeCall(request);
      expect(manager.phase()).toBe('ended');
      expect(manager.outcome()?.detail).toBe('You are already in a call. Finish it before starting another.');

      manager.dismiss();
      socket.initiate.mockResolvedValueOnce({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'Product p1 not found' },
      });
      await manager.placeCall(request);
      expect(manager.outcome()?.detail).toBe('Product p1 not found');
    });

    it('cancels a ringing call', async () => {
      const { manager, socket } = setup();
      await manager.placeCall(request);
      socket.acks['call:cancel'] = {
        ok: true,
        call: makeCall({ status: 'cancelled', endReason: 'cancelled' }),
      };
      await manager.cancel();
      expect(socket.emitWithAck).toHaveBeenCalledWith('call:cancel', { callId: 'call-1' });
      expect(manager.outcome()?.title).toBe('Call cancelled.');
      await new Promise((r) => setTimeout(r, 20));
      expect(manager.phase()).toBe('idle');
    });

    it('handles call:accepted that overtakes the initiate answer', async () => {
      let answer: (ack: unknown) => void = () => undefined;
      const { manager, socket, rtc } = setup(
        customer,
        jest.fn(() => new Promise((r) => (answer = r))),
      );
      const placing = manager.placeCall(request);
      await flush();
      socket.push('call:accepted', {
        call: makeCall({ status: 'accepted' }),
        role: 'caller',
        polite: false,
        deviceId: 'device-1',
      });
      answer({ ok: true, call: makeCall() });
      await placing;
      expect(rtc.start).toHaveBeenCalled();
      expect(manager.phase()).toBe('connecting');
    });

    it('hangs up and shows the duration', async () => {
      const { manager, socket, rtc } = setup();
      await manager.placeCall(request);
      socket.push('call:accepted', {
        call: makeCall({ status: 'accepted' }),
        role: 'caller',
        polite: false,
        deviceId: 'device-1',
      });
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
      socket.push('call:accepted', {
        call: makeCall({ status: 'accepted' }),
        role: 'caller',
        polite: false,
        deviceId: 'device-1',
      });
      rtc.state.set(RtcConnectionState.Failed);
      TestBed.tick();
      expect(manager.phase()).toBe('ended');
      expect(manager.outcome()?.title).toBe('The connection was lost.');
      expect(socket.emitWithAck).toHaveBeenCalledWith('call:hangup', { callId: 'call-1' });
    });

    it('restarts ICE after the socket resumed the call, and ends it when the resume is refused', async () => {
      const { manager, socket, rtc } = setup();
      await manager.placeCall(request);
      socket.push('call:accepted', {
        call: makeCall({ status: 'accepted' }),
        role: 'caller',
        polite: false,
        deviceId: 'device-1',
      });
      socket.resumed$.next({ callId: 'call-1', result: { ok: true } });
      expect(rtc.restartIce).toHaveBeenCalled();
      socket.resumed$.next({
        callId: 'call-1',
        result: { ok: false, error: { code: 'NOT_FOUND', message: 'Call is over' } },
      });
      expect(manager.outcome()?.title).toBe('The call was lost.');
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
  });

  describe('incoming call (seller)', () => {
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
  });

  describe('rejoining after a page reload', () => {
    const answeredAt = '2026-01-01T00:00:05Z';
    const live = (overrides: Partial<CallDto> = {}) =>
      makeCall({ status: 'accepted', answeredAt, staff: { id: 'staff-1', name: 'Sam' }, ...overrides });

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

    it('rejoins from the click: media, a fresh call:resume, a new connection in the binding role, the timer from answeredAt', async () => {
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
      expect(manager.connectedAt()).toBe(Date.parse(answeredAt));
      expect(manager.phase()).toBe('reconnecting');

      rtc.state.set(RtcConnectionState.Connected);
      TestBed.tick();
      expect(manager.phase()).toBe('in-call');
      expect(manager.connectedAt()).toBe(Date.parse(answeredAt));

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
      socket.push('call:accepted', { call: live(), role: 'caller', polite: false, deviceId: 'device-1' });
      socket.push('session:ready', { userId: 'cust-1', activeCall: live() });
      expect(manager.phase()).toBe('connecting');
      expect(rtc.prepareMedia).toHaveBeenCalledTimes(1);
    });

    it('renegotiates when the other device comes back', async () => {
      const { manager, socket, rtc } = setup();
      await manager.placeCall(request);
      socket.push('call:accepted', { call: live(), role: 'caller', polite: false, deviceId: 'device-1' });
      socket.push('call:peer-disconnected', { callId: 'call-1', graceMs: 20000 });
      expect(manager.phase()).toBe('reconnecting');
      // Media giving up while the other side is away does not end the call: the server's grace does.
      rtc.state.set(RtcConnectionState.Failed);
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

    it('still rings a ringing call again after a reload', () => {
      const { manager, socket } = setup(seller);
      socket.push('session:ready', { userId: 'staff-1', activeCall: makeCall() });
      expect(manager.phase()).toBe('incoming');
    });
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

describe('CallManager auto-dismiss', () => {
  it('closes the panel by itself when call:ended for our own cancel overtakes the ack', async () => {
    const { manager, socket } = setup();
    await manager.placeCall(request);
    let release: (v: unknown) => void = () => undefined;
    socket.emitWithAck.mockImplementationOnce(
      () => new Promise<unknown>((r) => (release = r as (v: unknown) => void)) as Promise<never>,
    );
    const cancelling = manager.cancel();
    socket.push('call:ended', { call: makeCall({ status: 'cancelled', endReason: 'cancelled' }) });
    release({ ok: true, call: makeCall({ status: 'cancelled', endReason: 'cancelled' }) });
    await cancelling;
    expect(manager.phase()).toBe('ended');
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.phase()).toBe('idle');
  });

  it('keeps a declined call on screen until the caller closes it', async () => {
    const { manager, socket } = setup();
    await manager.placeCall(request);
    socket.push('call:ended', { call: makeCall({ status: 'declined', endReason: 'declined' }) });
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.phase()).toBe('ended');
  });
});
