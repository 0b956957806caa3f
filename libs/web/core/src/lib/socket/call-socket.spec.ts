import { TestBed } from '@angular/core/testing';
import type { AuthResponse, CallDto, UserDto } from '@callshop/contracts';
import { Observable, Subject } from 'rxjs';
import { AuthSession } from '../auth/auth-session';
import { SESSION_STORAGE, SESSION_STORAGE_KEY } from '../tokens';
import { CALL_IO_SOCKET, CallSocket, SocketState } from './call-socket';

type Handler = (...args: unknown[]) => void;

/** Stands in for ngx-socket-io's Socket: records emits, lets the test play the server. */
class FakeIoSocket {
  auth: unknown;
  id: string | undefined;
  active = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly emitted: { event: string; payload: unknown }[] = [];
  readonly acks = new Map<string, (payload: unknown) => unknown>();
  private readonly reserved = new Map<string, Set<Handler>>();
  private readonly events = new Map<string, Subject<unknown>>();

  on(event: string, cb: Handler) {
    if (!this.reserved.has(event)) this.reserved.set(event, new Set());
    this.reserved.get(event)?.add(cb);
    return this;
  }
  off(event: string, cb: Handler) {
    this.reserved.get(event)?.delete(cb);
    return this;
  }
  fromEvent(event: string): Observable<unknown> {
    if (!this.events.has(event)) this.events.set(event, new Subject());
    return (this.events.get(event) as Subject<unknown>).asObservable();
  }
  timeout() {
    return this;
  }
  async emitWithAck(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    const answer = this.acks.get(event);
    return answer ? answer(payload) : { ok: true };
  }
  connect() {
    this.connectCalls++;
    this.active = true;
    return this;
  }
  disconnect() {
    this.disconnectCalls++;
    this.active = false;
    return this;
  }

  /** The server accepted the handshake. */
  serverConnect(id: string) {
    this.id = id;
    this.fire('connect');
  }
  /** The transport dropped (Socket.io keeps retrying). */
  drop() {
    this.fire('disconnect', 'transport close');
  }
  push(event: string, payload: unknown) {
    this.events.get(event)?.next(payload);
  }
  fire(event: string, ...args: unknown[]) {
    for (const cb of this.reserved.get(event) ?? []) cb(...args);
  }
  handshakeToken(): string {
    let token = '';
    (this.auth as (cb: (d: { token: string }) => void) => void)((d) => (token = d.token));
    return token;
  }
}

const user: UserDto = {
  id: 'u1',
  role: 'customer',
  name: 'Ada',
  email: 'ada@example.com',
  phoneNumber: null,
  createdAt: '2026-01-01T00:00:00Z',
};
const login = (token: string): AuthResponse => ({ accessToken: token, expiresIn: 3600, user });
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const io = new FakeIoSocket();
  const store = new Map<string, string>();
  TestBed.configureTestingModule({
    providers: [
      { provide: CALL_IO_SOCKET, useValue: io },
      { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
      {
        provide: SESSION_STORAGE,
        useValue: {
          getItem: (k: string) => store.get(k) ?? null,
          setItem: (k: string, v: string) => store.set(k, v),
          removeItem: (k: string) => store.delete(k),
        },
      },
    ],
  });
  const socket = TestBed.inject(CallSocket);
  const session = TestBed.inject(AuthSession);
  return { io, socket, session };
}

describe('CallSocket', () => {
  it('stays closed without a session and opens with the token in the handshake on login', () => {
    const { io, socket, session } = setup();
    TestBed.tick();
    expect(io.connectCalls).toBe(0);
    expect(socket.state()).toBe(SocketState.Disconnected);

    session.start(login('token-1'));
    TestBed.tick();
    expect(io.connectCalls).toBe(1);
    expect(io.handshakeToken()).toBe('token-1');
    expect(socket.state()).toBe(SocketState.Connecting);

    io.serverConnect('sock-1');
    expect(socket.state()).toBe(SocketState.Connected);
    expect(socket.id).toBe('sock-1');
  });

  it('closes the connection on logout', () => {
    const { io, socket, session } = setup();
    session.start(login('token-1'));
    TestBed.tick();
    io.serverConnect('sock-1');

    session.end();
    TestBed.tick();
    expect(io.disconnectCalls).toBeGreaterThan(0);
    expect(io.active).toBe(false);
    expect(socket.state()).toBe(SocketState.Disconnected);
  });

  it('reports reconnecting when the transport drops, then resumes the live call and presence', async () => {
    const { io, socket, session } = setup();
    session.start(login('token-1'));
    TestBed.tick();
    io.serverConnect('sock-1');

    const seen: unknown[] = [];
    const sub = socket.watchShop('shop-1').subscribe((p) => seen.push(p));
    await flush();
    expect(io.emitted.filter((e) => e.event === 'presence:subscribe')).toHaveLength(1);

    const call = { id: 'call-1' } as CallDto;
    io.acks.set('call:resume', () => ({ ok: true, call, role: 'caller', polite: false }));
    io.acks.set('presence:subscribe', () => ({
      ok: true,
      presence: { shopId: 'shop-1', online: true, available: false },
    }));
    socket.trackCall('call-1');
    const resumed: unknown[] = [];
    socket.resumed$.subscribe((r) => resumed.push(r));

    io.drop();
    expect(socket.state()).toBe(SocketState.Reconnecting);

    io.serverConnect('sock-2');
    await flush();
    expect(socket.state()).toBe(SocketState.Connected);
    expect(io.emitted.filter((e) => e.event === 'presence:subscribe')).toHaveLength(2);
    expect(io.emitted).toContainEqual({ event: 'call:resume', payload: { callId: 'call-1' } });
    expect(resumed).toEqual([
      { callId: 'call-1', result: { ok: true, call, role: 'caller', polite: false } },
    ]);
    expect(seen).toContainEqual({ shopId: 'shop-1', online: true, available: false });
    sub.unsubscribe();
  });

  it('does not resume on the first connection or once the call is over', async () => {
    const { io, socket, session } = setup();
    session.start(login('token-1'));
    TestBed.tick();
    socket.trackCall('call-1');
    io.serverConnect('sock-1');
    await flush();
    expect(io.emitted.some((e) => e.event === 'call:resume')).toBe(false);

    socket.trackCall(null);
    io.drop();
    io.serverConnect('sock-2');
    await flush();
    expect(io.emitted.some((e) => e.event === 'call:resume')).toBe(false);
  });

  it('forgets the call when the server refuses to resume it', async () => {
    const { io, socket, session } = setup();
    session.start(login('token-1'));
    TestBed.tick();
    io.serverConnect('sock-1');
    socket.trackCall('call-1');
    io.acks.set('call:resume', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }));
    const resumed: { result: { ok: boolean } }[] = [];
    socket.resumed$.subscribe((r) => resumed.push(r));

    io.drop();
    io.serverConnect('sock-2');
    await flush();
    expect(resumed[0].result.ok).toBe(false);

    io.drop();
    io.serverConnect('sock-3');
    await flush();
    expect(io.emitted.filter((e) => e.event === 'call:resume')).toHaveLength(1);
  });

  it('replays session:ready of the current connection to late subscribers, and forgets it on a drop', () => {
    const { io, socket, session } = setup();
    session.start(login('token-1'));
    TestBed.tick();
    io.serverConnect('sock-1');
    const ready = { userId: 'u1', activeCall: { id: 'call-1', status: 'accepted' } as CallDto };
    io.push('session:ready', ready);
    const late: unknown[] = [];
    const sub = socket.sessionReady$.subscribe((p) => late.push(p));
    expect(late).toEqual([ready]);
    io.drop();
    const afterDrop: unknown[] = [];
    socket.sessionReady$.subscribe((p) => afterDrop.push(p)).unsubscribe();
    expect(afterDrop).toEqual([]);
    io.serverConnect('sock-2');
    const again = { userId: 'u1', activeCall: null };
    io.push('session:ready', again);
    expect(late).toEqual([ready, again]);
    sub.unsubscribe();
  });

  it('unsubscribes presence when the last watcher leaves', async () => {
    const { io, socket, session } = setup();
    session.start(login('token-1'));
    TestBed.tick();
    io.serverConnect('sock-1');
    const a = socket.watchShop('shop-1').subscribe();
    const b = socket.watchShop('shop-1').subscribe();
    await flush();
    a.unsubscribe();
    expect(io.emitted.some((e) => e.event === 'presence:unsubscribe')).toBe(false);
    b.unsubscribe();
    await flush();
    expect(io.emitted).toContainEqual({ event: 'presence:unsubscribe', payload: { shopId: 'shop-1' } });
  });

  it('answers a readable failure instead of throwing when not connected', async () => {
    const { socket } = setup();
    const ack = await socket.emitWithAck('call:hangup', { callId: 'c' });
    expect(ack.ok).toBe(false);
    await expect(socket.request('call:hangup', { callId: 'c' })).rejects.toThrow('Not connected');
  });

  it('marks a refused handshake and reconnects with a fresh token after a new login', () => {
    const { io, socket, session } = setup();
    session.start(login('bad'));
    TestBed.tick();
    io.active = false; // Socket.io gives up after a middleware refusal
    io.fire('connect_error', new Error('UNAUTHENTICATED'));
    expect(socket.state()).toBe(SocketState.Refused);
    expect(socket.lastError()).toBe('UNAUTHENTICATED');

    session.start(login('good'));
    TestBed.tick();
    expect(io.handshakeToken()).toBe('good');
    expect(io.connectCalls).toBe(2);
  });
});
