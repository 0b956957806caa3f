import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { UserDto } from '@callshop/contracts';
import {
  AuthSession,
  CallSocket,
  SESSION_STORAGE,
  SESSION_STORAGE_KEY,
  SocketState,
} from '@callshop/web/core';
import { Subject } from 'rxjs';
import { AvailabilityService, availabilityView } from './availability.service';

const seller: UserDto = {
  id: 'staff-1',
  role: 'seller',
  name: 'Sam Seller',
  email: 'sam@example.com',
  phoneNumber: null,
  shopId: 'shop-1',
  staffRole: 'owner',
  createdAt: '2026-01-01T00:00:00Z',
};

/** A socket double with the parts AvailabilityService uses; acks are resolved by the test. */
class FakeSocket {
  readonly state = signal(SocketState.Connecting);
  readonly subjects = new Map<string, Subject<unknown>>();
  readonly sent: { event: string; payload: unknown; resolve: (ack: unknown) => void }[] = [];
  on(event: string) {
    if (!this.subjects.has(event)) this.subjects.set(event, new Subject());
    return (this.subjects.get(event) as Subject<unknown>).asObservable();
  }
  emit(event: string, payload: unknown) {
    this.subjects.get(event)?.next(payload);
  }
  emitWithAck(event: string, payload: unknown) {
    return new Promise((resolve) => this.sent.push({ event, payload, resolve }));
  }
}

function setup(stored: Record<string, string> = {}) {
  const store = new Map(Object.entries(stored));
  const socket = new FakeSocket();
  TestBed.configureTestingModule({
    providers: [
      { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
      {
        provide: SESSION_STORAGE,
        useValue: {
          getItem: (k: string) => store.get(k) ?? null,
          setItem: (k: string, v: string) => store.set(k, v),
          removeItem: (k: string) => store.delete(k),
        },
      },
      { provide: CallSocket, useValue: socket },
    ],
  });
  TestBed.inject(AuthSession).start({ accessToken: 'token', expiresIn: 3600, user: seller });
  const service = TestBed.inject(AvailabilityService);
  const connect = (ready: Record<string, unknown> = {}) => {
    socket.state.set(SocketState.Connected);
    socket.emit('session:ready', {
      userId: seller.id,
      shopId: 'shop-1',
      available: true,
      activeCall: null,
      ...ready,
    });
  };
  return { service, socket, store, connect };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('availabilityView', () => {
  it('says the seller can be called only once the server confirmed it', () => {
    expect(availabilityView(true, SocketState.Connected, true, false)).toMatchObject({
      checked: true,
      label: 'Available',
      tone: 'ok',
      status: 'Online: customers can call you',
    });
    expect(availabilityView(true, SocketState.Connected, false, false)).toMatchObject({ tone: 'pending' });
    expect(availabilityView(false, SocketState.Connected, false, false)).toMatchObject({
      checked: false,
      label: 'Unavailable',
      tone: 'away',
    });
  });

  it('reports a lost connection whatever the switch says', () => {
    expect(availabilityView(true, SocketState.Reconnecting, true, false)).toMatchObject({
      checked: true,
      tone: 'offline',
      status: 'Connection lost, reconnecting…',
    });
    expect(availabilityView(true, SocketState.Disconnected, null, false).status).toBe('Offline');
    expect(availabilityView(true, SocketState.Refused, null, false).status).toMatch(/log in again/);
  });

  it('locks the switch while a change is in flight', () => {
    expect(availabilityView(false, SocketState.Connected, true, true)).toMatchObject({
      enabled: false,
      status: 'Updating…',
    });
  });
});

describe('AvailabilityService', () => {
  it('sends the remembered choice when the connection is ready', async () => {
    const { service, socket, connect } = setup({ 'callshop.seller-console.available.staff-1': 'false' });
    expect(service.wanted()).toBe(false);
    expect(socket.sent).toHaveLength(0);
    connect();
    expect(socket.sent).toEqual([
      expect.objectContaining({ event: 'presence:set-available', payload: { available: false } }),
    ]);
    socket.sent[0].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: false } });
    await flush();
    expect(service.confirmed()).toBe(false);
    expect(service.view().tone).toBe('away');
  });

  it('turns the switch off and remembers it for the next visit', async () => {
    const { service, socket, store, connect } = setup();
    connect();
    socket.sent[0].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: true } });
    await flush();
    const done = service.setAvailable(false);
    expect(service.view().enabled).toBe(false);
    expect(socket.sent[1].payload).toEqual({ available: false });
    socket.sent[1].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: false } });
    await done;
    expect(service.view()).toMatchObject({ checked: false, tone: 'away', enabled: true });
    expect(store.get('callshop.seller-console.available.staff-1')).toBe('false');
    expect(service.shopPresence()).toEqual({ shopId: 'shop-1', online: true, available: false });
  });

  it('waits for the connection instead of sending while offline', async () => {
    const { service, socket, connect } = setup();
    await service.setAvailable(false);
    expect(socket.sent).toHaveLength(0);
    expect(service.view().status).toBe('Connecting…');
    connect();
    expect(socket.sent[0].payload).toEqual({ available: false });
  });

  it('follows a change made on another device of the seller, live, and remembers it', async () => {
    const { service, socket, store, connect } = setup();
    connect({ availabilityFrom: 'default' });
    socket.sent[0].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: true } });
    await flush();
    expect(service.view()).toMatchObject({ checked: true, tone: 'ok' });

    socket.emit('presence:self', { available: false });
    expect(service.wanted()).toBe(false);
    expect(service.confirmed()).toBe(false);
    expect(service.view()).toMatchObject({ checked: false, label: 'Unavailable', tone: 'away' });
    expect(store.get('callshop.seller-console.available.staff-1')).toBe('false');
    socket.emit('presence:self', { available: true });
    expect(service.view()).toMatchObject({ checked: true, tone: 'ok' });
    expect(socket.sent).toHaveLength(1); // following is not a change of its own
  });

  it("takes the choice the seller's other connected devices hold instead of imposing its own", () => {
    const { service, socket, store, connect } = setup({
      'callshop.seller-console.available.staff-1': 'true',
    });
    connect({ available: false, availabilityFrom: 'devices' });
    expect(socket.sent).toHaveLength(0);
    expect(service.view()).toMatchObject({ checked: false, tone: 'away' });
    expect(store.get('callshop.seller-console.available.staff-1')).toBe('false');
  });

  it('as the first device, restores the remembered choice', () => {
    const { socket, connect } = setup({ 'callshop.seller-console.available.staff-1': 'false' });
    connect({ available: true, availabilityFrom: 'default' });
    expect(socket.sent.map((s) => s.payload)).toEqual([{ available: false }]);
  });

  it('sends a flip made while offline even when other devices are connected', () => {
    const { service, socket, connect } = setup();
    void service.setAvailable(false);
    connect({ available: true, availabilityFrom: 'devices' });
    expect(socket.sent.map((s) => s.payload)).toEqual([{ available: false }]);
  });

  it('an echo of an older state does not undo a flip made while a change is in flight', async () => {
    const { service, socket, connect } = setup();
    connect();
    socket.sent[0].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: true } });
    await flush();
    void service.setAvailable(false);
    void service.setAvailable(true);
    socket.emit('presence:self', { available: false }); // the server applying the first flip
    expect(service.view()).toMatchObject({ checked: true, tone: 'pending' });
    socket.sent[1].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: false } });
    socket.emit('presence:self', { available: true });
    socket.sent[2].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: true } });
    await flush();
    socket.sent
      .slice(3)
      .forEach((s) => s.resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: true } }));
    await flush();
    expect(socket.sent.map((s) => s.payload).at(-1)).toEqual({ available: true });
    expect(service.view()).toMatchObject({ checked: true, tone: 'ok', enabled: true });
  });

  it('shows a refusal and keeps the previous confirmed state', async () => {
    const { service, socket, connect } = setup();
    connect();
    socket.sent[0].resolve({ ok: true, presence: { shopId: 'shop-1', online: true, available: true } });
    await flush();
    const done = service.setAvailable(false);
    socket.sent[1].resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Not allowed.' } });
    await done;
    expect(service.error()).toBe('Not allowed.');
    expect(service.confirmed()).toBe(true);
    expect(service.view().tone).toBe('pending');
  });
});
