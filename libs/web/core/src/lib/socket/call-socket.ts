import {
  ApplicationRef,
  Injectable,
  InjectionToken,
  OnDestroy,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import {
  CALL_SOCKET_NAMESPACE,
  CALL_SOCKET_PATH,
  type Ack,
  type CallBinding,
  type CallClientEvents,
  type CallServerEvents,
  type ShopPresence,
  type SocketError,
} from '@callshop/contracts';
import { Socket } from 'ngx-socket-io';
import { BehaviorSubject, Observable, Subject, filter } from 'rxjs';
import { AuthSession } from '../auth/auth-session';
import { SOCKET_ORIGIN } from '../tokens';

/** The ngx-socket-io socket, typed with the contract's event maps. */
export type CallIoSocket = Socket<CallServerEvents, CallClientEvents>;

/**
 * ngx-socket-io runs `appRef.tick()`, a synchronous change detection of the whole app, after
 * every event it delivers. The apps are zoneless and whatever a socket event changes is a
 * signal, which schedules rendering by itself; a forced render for every relayed offer,
 * answer and candidate only held back the next message. So the socket gets no tick to force.
 */
const NO_FORCED_RENDER = { tick: () => undefined } as unknown as ApplicationRef;

/** Creates the (not yet connected) socket; a token so tests can hand in a fake. */
export const CALL_IO_SOCKET = new InjectionToken<CallIoSocket>('CALL_IO_SOCKET', {
  providedIn: 'root',
  factory: () =>
    new Socket<CallServerEvents, CallClientEvents>(
      {
        url: inject(SOCKET_ORIGIN) + CALL_SOCKET_NAMESPACE,
        options: {
          path: CALL_SOCKET_PATH,
          autoConnect: false,
          transports: ['websocket', 'polling'],
          reconnectionDelay: 500,
          reconnectionDelayMax: 5000,
        },
      },
      NO_FORCED_RENDER,
    ),
});

/** How long an acknowledgement may take before the request counts as failed. */
export const SOCKET_ACK_TIMEOUT_MS = new InjectionToken<number>('SOCKET_ACK_TIMEOUT_MS', {
  providedIn: 'root',
  factory: () => 10_000,
});

export enum SocketState {
  /** No session, or logged out. */
  Disconnected = 'disconnected',
  Connecting = 'connecting',
  Connected = 'connected',
  /** The connection dropped; Socket.io is retrying. */
  Reconnecting = 'reconnecting',
  /** The server refused the handshake (bad or expired token). */
  Refused = 'refused',
}

type ServerEvent = keyof CallServerEvents;
type ClientEvent = keyof CallClientEvents;
/** The payload a server event carries. */
export type ServerPayload<E extends ServerEvent> = Parameters<CallServerEvents[E]>[0];
/** The payload a client message sends. */
export type ClientPayload<E extends ClientEvent> = Parameters<CallClientEvents[E]>[0];
/** The acknowledgement a client message gets back. */
export type AckOf<E extends ClientEvent> = Parameters<Parameters<CallClientEvents[E]>[1]>[0];
/** The success half of an acknowledgement. */
export type AckOk<E extends ClientEvent> = Exclude<Extract<AckOf<E>, { ok: true }>, { ok: false }>;

/** A refused acknowledgement, thrown by {@link CallSocket.request}. */
export class SocketRequestError extends Error {
  constructor(readonly error: SocketError) {
    super(error.message);
    this.name = 'SocketRequestError';
  }
}

/** What happened when a live call was re-bound to a new socket after a reconnect. */
export interface CallResumeResult {
  callId: string;
  result: Ack<CallBinding>;
}

interface PresenceEntry {
  count: number;
  latest: BehaviorSubject<ShopPresence | null>;
}

/**
 * The signaling connection (`/calls` namespace). It follows the session: connects with the
 * token in the handshake's `auth` when someone logs in, reconnects with the new token when it
 * changes, and closes on logout. After a dropped connection comes back it re-subscribes the
 * shops whose presence is being watched and re-binds the live call (`call:resume`).
 */
@Injectable({ providedIn: 'root' })
export class CallSocket implements OnDestroy {
  private readonly io = inject(CALL_IO_SOCKET);
  private readonly session = inject(AuthSession);
  private readonly ackTimeout = inject(SOCKET_ACK_TIMEOUT_MS);

  private readonly stateSignal = signal<SocketState>(SocketState.Disconnected);
  /** Connection state for templates and effects. */
  readonly state = this.stateSignal.asReadonly();
  private readonly errorSignal = signal<string | null>(null);
  /** Why the server refused the handshake, when it did. */
  readonly lastError = this.errorSignal.asReadonly();

  private readonly presence = new Map<string, PresenceEntry>();
  private readonly resumedSubject = new Subject<CallResumeResult>();
  /** Each `call:resume` done after a reconnect, with its outcome. */
  readonly resumed$ = this.resumedSubject.asObservable();
  private readonly connectedSubject = new Subject<{ reconnect: boolean }>();
  /** Fires on every successful (re)connection. */
  readonly connected$ = this.connectedSubject.asObservable();

  private readonly sessionSubject = new BehaviorSubject<ServerPayload<'session:ready'> | null>(null);
  /**
   * `session:ready` of the current connection, replayed to late subscribers (a view loaded
   * after the socket connected still learns about the live call), then each new one.
   */
  readonly sessionReady$ = this.sessionSubject.pipe(
    filter((p): p is ServerPayload<'session:ready'> => p !== null),
  );
  private activeCallId: string | null = null;
  private hasConnectedBefore = false;
  private currentToken: string | null = null;

  private readonly onConnect = () => this.handleConnect();
  private readonly onDisconnect = (reason: string) => this.handleDisconnect(reason);
  private readonly onConnectError = (err: Error) => this.handleConnectError(err);

  constructor() {
    this.io.auth = (cb: (data: object) => void) => cb({ token: this.session.validToken() ?? '' });
    this.io.on('connect', this.onConnect);
    this.io.on('disconnect', this.onDisconnect);
    this.io.on('connect_error', this.onConnectError);
    this.on('session:ready').subscribe((p) => this.sessionSubject.next(p));
    effect(() => {
      const token = this.session.token();
      untracked(() => this.followSession(token));
    });
  }

  /** The socket id, which the REST `initiate` takes as `deviceId`. */
  get id(): string | null {
    return this.io.id ?? null;
  }

  get connected(): boolean {
    return this.state() === SocketState.Connected;
  }

  /** Typed stream of one server event. */
  on<E extends ServerEvent>(event: E): Observable<ServerPayload<E>> {
    return this.io.fromEvent(event as never) as unknown as Observable<ServerPayload<E>>;
  }

  /**
   * Sends a message and resolves with its acknowledgement. Never rejects: no connection or no
   * answer in time resolve as `{ ok: false }` with a readable message.
   */
  async emitWithAck<E extends ClientEvent>(event: E, payload: ClientPayload<E>): Promise<AckOf<E>> {
    if (!this.connected) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Not connected to the call service.' },
      } as AckOf<E>;
    }
    try {
      const emitter = this.io.timeout(this.ackTimeout) as unknown as {
        emitWithAck(e: string, p: unknown): Promise<unknown>;
      };
      return (await emitter.emitWithAck(event, payload)) as AckOf<E>;
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'The call service did not answer in time.' },
      } as AckOf<E>;
    }
  }

  /** Like {@link emitWithAck} but resolves with the success payload and throws on a refusal. */
  async request<E extends ClientEvent>(event: E, payload: ClientPayload<E>): Promise<AckOk<E>> {
    const ack = (await this.emitWithAck(event, payload)) as Ack<object>;
    if (!ack.ok) throw new SocketRequestError(ack.error);
    return ack as AckOk<E>;
  }

  /** Resolves with the socket id once connected (at once if already connected). */
  whenConnected(timeoutMs = 10_000): Promise<string> {
    if (this.connected && this.id) return Promise.resolve(this.id);
    if (!this.session.validToken()) return Promise.reject(new Error('Log in to make calls.'));
    this.followSession(this.session.token());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.unsubscribe();
        reject(new Error('Could not connect to the call service. Check your connection and try again.'));
      }, timeoutMs);
      const sub = this.connected$.subscribe(() => {
        clearTimeout(timer);
        sub.unsubscribe();
        resolve(this.id ?? '');
      });
    });
  }

  /**
   * Live presence of a shop: the first subscriber sends `presence:subscribe`, the last one
   * leaving sends `presence:unsubscribe`; after a reconnect the subscription is renewed.
   */
  watchShop(shopId: string): Observable<ShopPresence> {
    return new Observable<ShopPresence>((subscriber) => {
      let entry = this.presence.get(shopId);
      if (!entry) {
        entry = { count: 0, latest: new BehaviorSubject<ShopPresence | null>(null) };
        this.presence.set(shopId, entry);
        if (this.connected) void this.subscribePresence(shopId);
      }
      entry.count++;
      const live = this.on('presence:shop')
        .pipe(filter((p) => p.shopId === shopId))
        .subscribe((p) => entry.latest.next(p));
      const out = entry.latest.pipe(filter((p): p is ShopPresence => p !== null)).subscribe(subscriber);
      return () => {
        live.unsubscribe();
        out.unsubscribe();
        entry.count--;
        if (entry.count === 0) {
          this.presence.delete(shopId);
          if (this.connected) void this.emitWithAck('presence:unsubscribe', { shopId });
        }
      };
    });
  }

  /** Marks the call to re-bind after a reconnect (null when it is over). */
  trackCall(callId: string | null): void {
    this.activeCallId = callId;
  }

  ngOnDestroy(): void {
    this.io.off('connect', this.onConnect);
    this.io.off('disconnect', this.onDisconnect);
    this.io.off('connect_error', this.onConnectError);
    this.io.disconnect();
  }

  private followSession(token: string | null): void {
    if (!token) {
      this.currentToken = null;
      this.hasConnectedBefore = false;
      this.activeCallId = null;
      this.sessionSubject.next(null);
      this.io.disconnect();
      this.setState(SocketState.Disconnected);
      return;
    }
    if (
      token === this.currentToken &&
      this.state() !== SocketState.Refused &&
      this.state() !== SocketState.Disconnected
    ) {
      return;
    }
    if (token !== this.currentToken && this.currentToken !== null) {
      // A different user (or a renewed token): the old handshake identity must not linger.
      this.io.disconnect();
      this.hasConnectedBefore = false;
    }
    this.currentToken = token;
    this.errorSignal.set(null);
    this.setState(this.hasConnectedBefore ? SocketState.Reconnecting : SocketState.Connecting);
    this.io.connect();
  }

  private handleConnect(): void {
    const reconnect = this.hasConnectedBefore;
    this.hasConnectedBefore = true;
    this.errorSignal.set(null);
    this.setState(SocketState.Connected);
    for (const shopId of this.presence.keys()) void this.subscribePresence(shopId);
    if (reconnect && this.activeCallId) void this.resume(this.activeCallId);
    this.connectedSubject.next({ reconnect });
  }

  private handleDisconnect(reason: string): void {
    this.sessionSubject.next(null);
    if (reason === 'io client disconnect' || !this.currentToken) {
      this.setState(SocketState.Disconnected);
      return;
    }
    this.setState(SocketState.Reconnecting);
    if (reason === 'io server disconnect') {
      // The server closed the socket on purpose; Socket.io does not retry that by itself.
      this.io.connect();
    }
  }

  private handleConnectError(err: Error): void {
    // A middleware refusal (bad token) is final; transport errors are retried by Socket.io.
    const refused = !this.io.active;
    if (!refused) {
      this.setState(this.hasConnectedBefore ? SocketState.Reconnecting : SocketState.Connecting);
      return;
    }
    this.errorSignal.set(err.message || 'The call service refused the connection.');
    this.setState(SocketState.Refused);
    if (!this.session.validToken()) this.currentToken = null;
  }

  private async subscribePresence(shopId: string): Promise<void> {
    const ack = await this.emitWithAck('presence:subscribe', { shopId });
    const entry = this.presence.get(shopId);
    if (ack.ok && entry) entry.latest.next(ack.presence);
  }

  private async resume(callId: string): Promise<void> {
    const result = await this.emitWithAck('call:resume', { callId });
    if (!result.ok) this.activeCallId = null;
    this.resumedSubject.next({ callId, result });
  }

  private setState(next: SocketState): void {
    if (this.stateSignal() !== next) this.stateSignal.set(next);
  }
}
