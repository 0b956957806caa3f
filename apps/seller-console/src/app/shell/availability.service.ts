import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { ShopPresence } from '@callshop/contracts';
import { AuthSession, CallSocket, SESSION_STORAGE, SocketState } from '@callshop/web/core';

/** What the availability switch shows, derived from what the seller wants and what the server knows. */
export interface AvailabilityView {
  /** The switch position. */
  checked: boolean;
  /** Short label next to the switch. */
  label: 'Available' | 'Unavailable';
  /** One line about the connection. */
  status: string;
  tone: 'ok' | 'away' | 'pending' | 'offline';
  /** The switch can be used (a change is not in flight). */
  enabled: boolean;
}

/** Pure: the switch and status line for one combination of states. */
export function availabilityView(
  wanted: boolean,
  socket: SocketState,
  confirmed: boolean | null,
  pending: boolean,
): AvailabilityView {
  const label = wanted ? 'Available' : 'Unavailable';
  const base = { checked: wanted, label, enabled: !pending } as const;
  switch (socket) {
    case SocketState.Connected:
      if (pending || confirmed !== wanted) return { ...base, status: 'Updating…', tone: 'pending' };
      return wanted
        ? { ...base, status: 'Online: customers can call you', tone: 'ok' }
        : { ...base, status: 'Online: not taking calls', tone: 'away' };
    case SocketState.Connecting:
      return { ...base, status: 'Connecting…', tone: 'pending' };
    case SocketState.Reconnecting:
      return { ...base, status: 'Connection lost, reconnecting…', tone: 'offline' };
    case SocketState.Refused:
      return { ...base, status: 'Could not connect: please log in again', tone: 'offline' };
    default:
      return { ...base, status: 'Offline', tone: 'offline' };
  }
}

const STORAGE_PREFIX = 'callshop.seller-console.available.';

/**
 * The seller's Available / Unavailable choice. The server holds it per user while any of their
 * devices is connected, applies a change to all of them and tells each with `presence:self`,
 * which this follows so the switch changes live wherever the seller flipped it. It is also
 * remembered per user here (so a reload keeps it) and sent as `presence:set-available` when
 * this device is the seller's first one connected (`session:ready.availabilityFrom` is
 * `default`), since the server forgets it when the last socket goes.
 */
@Injectable({ providedIn: 'root' })
export class AvailabilityService {
  private readonly socket = inject(CallSocket);
  private readonly session = inject(AuthSession);
  private readonly storage = inject(SESSION_STORAGE);

  private readonly wantedSignal = signal(true);
  private readonly confirmedSignal = signal<boolean | null>(null);
  private readonly pendingSignal = signal(false);
  private readonly errorSignal = signal<string | null>(null);
  private readonly presenceSignal = signal<ShopPresence | null>(null);
  private loadedFor: string | null = null;
  /** The seller flipped the switch while offline: that choice is sent on the next connection. */
  private unsent = false;

  /** What the seller chose. */
  readonly wanted = this.wantedSignal.asReadonly();
  /** What the server last confirmed for this user's devices (null until it did). */
  readonly confirmed = this.confirmedSignal.asReadonly();
  /** Why the last change was refused, if it was. */
  readonly error = this.errorSignal.asReadonly();
  /** The shop's presence as customers see it (any staff member available). */
  readonly shopPresence = this.presenceSignal.asReadonly();
  readonly view = computed(() =>
    availabilityView(this.wantedSignal(), this.socket.state(), this.confirmedSignal(), this.pendingSignal()),
  );

  constructor() {
    this.socket.on('session:ready').subscribe((ready) => {
      this.loadChoice();
      const available = typeof ready.available === 'boolean' ? ready.available : null;
      if (ready.availabilityFrom === 'devices' && available !== null && !this.unsent) {
        // The seller's other devices hold a choice (maybe made elsewhere since): follow it.
        this.follow(available);
        return;
      }
      this.confirmedSignal.set(available);
      void this.push();
    });
    this.socket.on('presence:self').subscribe(({ available }) => {
      this.confirmedSignal.set(available);
      // A change from this device is in flight: its acknowledgement settles the switch (and
      // sends a newer flip made meanwhile), so an echo of an older state does not undo it.
      if (!this.pendingSignal()) this.follow(available);
    });
    this.socket.on('presence:shop').subscribe((p) => {
      if (p.shopId === this.session.user()?.shopId) this.presenceSignal.set(p);
    });
    this.loadChoice();
    // Created after the connection was made (the session:ready above was missed): send it now.
    if (this.socket.state() === SocketState.Connected) void this.push();
    // Another tab of this browser flipped the switch: the server already applied it to every
    // device of this user, so follow it here too.
    const win = inject(DOCUMENT).defaultView;
    const onStorage = (event: StorageEvent) => {
      if (!event.key || event.key !== this.key() || event.newValue === null) return;
      const available = event.newValue !== 'false';
      this.wantedSignal.set(available);
      this.confirmedSignal.set(available);
    };
    win?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => win?.removeEventListener('storage', onStorage));
  }

  /** From the switch. */
  async setAvailable(available: boolean): Promise<void> {
    this.loadChoice();
    this.wantedSignal.set(available);
    this.saveChoice(available);
    this.unsent = true;
    await this.push();
  }

  /** The server applied a choice to this user's devices: show and remember it. */
  private follow(available: boolean): void {
    this.wantedSignal.set(available);
    this.confirmedSignal.set(available);
    this.saveChoice(available);
  }

  private async push(): Promise<void> {
    if (this.socket.state() !== SocketState.Connected) return; // sent on the next session:ready
    const available = this.wantedSignal();
    this.unsent = false;
    this.pendingSignal.set(true);
    this.errorSignal.set(null);
    try {
      const ack = await this.socket.emitWithAck('presence:set-available', { available });
      if (ack.ok) {
        this.presenceSignal.set(ack.presence);
        if (this.wantedSignal() === available) this.confirmedSignal.set(available);
      } else {
        this.errorSignal.set(ack.error.message);
        this.unsent = true; // not applied: send it again on the next connection
      }
    } finally {
      this.pendingSignal.set(false);
    }
    // The seller flipped the switch again while the first change was in flight.
    if (this.wantedSignal() !== available && this.socket.state() === SocketState.Connected) await this.push();
  }

  private key(): string | null {
    const id = this.session.user()?.id;
    return id ? STORAGE_PREFIX + id : null;
  }

  private loadChoice(): void {
    const key = this.key();
    if (!key || key === this.loadedFor) return;
    this.loadedFor = key;
    this.unsent = false;
    this.wantedSignal.set(this.storage?.getItem(key) !== 'false');
  }

  private saveChoice(available: boolean): void {
    const key = this.key();
    if (key) this.storage?.setItem(key, String(available));
  }
}
