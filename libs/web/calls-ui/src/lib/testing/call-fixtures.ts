/* The CallManager specs' fakes and fixtures. */
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallDto, SellerInfoDto, ShopContactDto, UserDto } from '@callshop/contracts';
import {
  AuthSession,
  CallSocket,
  CallsApi,
  SESSION_STORAGE,
  SESSION_STORAGE_KEY,
  SocketRequestError,
  SocketState,
} from '@callshop/web/core';
import { RtcConnectionState, RtcService } from '@callshop/web/rtc';
import { type Observable, Subject, of, throwError } from 'rxjs';
import { CallNotifier } from '../call-notifier.service';
import { CallManager } from '../call-manager.service';
import { MEDIA_REPORT_RETRY_MS } from '../call-media-reports';
import { CALL_PHASE_LOG } from '../call-state-machine';
import { CALL_AUTO_DISMISS_MS } from '../live-call';
import { Ringtone } from '../ringtone.service';

/** The signaling socket as the call parts use it; `push` delivers a server event. */
export class FakeSocket {
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

/** RtcService without WebRTC: `state` and `incomingFlowing` are set by the test. */
export class FakeRtc {
  state = signal(RtcConnectionState.Idle);
  incomingFlowing = signal(false);
  quality = signal<{ level: 'good' | 'fair' | 'poor'; reason: string | null } | null>(null);
  offerAudioOnly = signal(false);
  audioOnlyMode = signal(false);
  expectConnection = jest.fn();
  peerLeft = jest.fn();
  setAudioOnlyMode = jest.fn((on: boolean) => this.audioOnlyMode.set(on));
  prepareMedia = jest.fn(async () => ({}));
  /** Whether the camera and microphone open without a prompt (then calls go on while they open). */
  mediaAllowedWithoutPrompt = jest.fn((_type?: unknown) => false);
  start = jest.fn(async (_options: unknown) => this.state.set(RtcConnectionState.Connecting));
  close = jest.fn(() => this.state.set(RtcConnectionState.Closed));
  reset = jest.fn(() => this.state.set(RtcConnectionState.Idle));
  handleSignal = jest.fn(async () => undefined);
  restartIce = jest.fn();
  peerReturned = jest.fn((_fresh?: boolean) => undefined);
}

export const customer: UserDto = {
  id: 'cust-1',
  role: 'customer',
  name: 'Ada',
  email: 'a@x',
  phoneNumber: null,
  createdAt: '',
};
export const seller: UserDto = { ...customer, id: 'staff-1', role: 'seller', name: 'Sam', shopId: 'shop-1' };

export function makeCall(overrides: Partial<CallDto> = {}): CallDto {
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
    connectedAt: null,
    durationSeconds: null,
    quality: null,
    ...overrides,
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

/** A signed-in user's CallManager over fakes of the socket, the media and the sounds. */
export function setup(user: UserDto = customer, initiate?: FakeSocket['initiate']) {
  const socket = new FakeSocket();
  if (initiate) socket.initiate = initiate;
  const rtc = new FakeRtc();
  const ringtone = { start: jest.fn(), stop: jest.fn() };
  const phaseLog = jest.fn();
  const api = {
    cancel: jest.fn(),
    hangup: jest.fn(),
    get: jest.fn((_id: string): Observable<CallDto> => throwError(() => new Error('offline'))),
    contacts: jest.fn((): Observable<ShopContactDto[]> => of([])),
    sellerInfo: jest.fn((_id: string): Observable<SellerInfoDto> => throwError(() => new Error('offline'))),
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: CallSocket, useValue: socket },
      { provide: RtcService, useValue: rtc },
      { provide: CallsApi, useValue: api },
      { provide: Ringtone, useValue: ringtone },
      { provide: CallNotifier, useValue: { notify: jest.fn(), close: jest.fn() } },
      { provide: SESSION_STORAGE_KEY, useValue: 'test' },
      { provide: SESSION_STORAGE, useValue: null },
      { provide: CALL_AUTO_DISMISS_MS, useValue: 10 },
      { provide: CALL_PHASE_LOG, useValue: phaseLog },
      { provide: MEDIA_REPORT_RETRY_MS, useValue: 20 },
    ],
  });
  TestBed.inject(AuthSession).start({ accessToken: 'tok', expiresIn: 3600, user });
  const manager = TestBed.inject(CallManager);
  TestBed.tick();
  return { manager, socket, rtc, api, ringtone, phaseLog, initiate: socket.initiate };
}

/** A customer's video call to Lamp Shop about the desk lamp. */
export const request = {
  type: 'video' as const,
  sellerId: 'shop-1',
  productId: 'p1',
  displayName: 'Lamp Shop',
};

/**
 * Media flows both ways for `call`: this device's incoming media flows and the server pushes
 * `call:connected`.
 */
export function connect(
  socket: FakeSocket,
  rtc: FakeRtc,
  call: CallDto = makeCall({ status: 'accepted' }),
): void {
  rtc.state.set(RtcConnectionState.Connected);
  rtc.incomingFlowing.set(true);
  TestBed.tick();
  socket.push('call:connected', { call: { ...call, connectedAt: '2026-01-01T00:00:10Z' } });
  TestBed.tick();
}

/** `call:accepted` for this device (`device-1`), as the caller receives it. */
export function acceptHere(socket: FakeSocket, call: CallDto = makeCall({ status: 'accepted' })): void {
  socket.push('call:accepted', { call, role: 'caller', polite: false, deviceId: 'device-1' });
}
