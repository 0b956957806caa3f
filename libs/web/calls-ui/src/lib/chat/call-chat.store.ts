import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { CallMessageDto } from '@callshop/contracts';
import { CallSocket, CallsApi } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import { CallManager } from '../call-manager.service';

/** A message of this device not yet acknowledged by the server. */
export interface PendingMessage {
  clientId: string;
  text: string;
  /** Why the server refused it (shown with "Retry"); null while it is on its way or waits for the connection. */
  error: string | null;
}

/** A UUID for a message's `clientId` (`crypto.randomUUID` is missing outside secure contexts). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Oldest first; a message already present (same id) is replaced, never doubled. */
export function mergeMessages(list: CallMessageDto[], incoming: CallMessageDto[]): CallMessageDto[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/**
 * The conversation of the live call on this device: messages and cards (loaded when the call has
 * connected, and pushed with `call:message`), this device's messages on their way, the unread
 * count while the panel is closed, and screen-reader announcements of the other side's messages.
 * A message keeps its `clientId` until acknowledged: after a dropped connection is resumed it is
 * sent again (the server stores it once) and the conversation is reloaded and merged by id.
 */
@Injectable({ providedIn: 'root' })
export class CallChatStore {
  private readonly socket = inject(CallSocket);
  private readonly api = inject(CallsApi);
  private readonly manager = inject(CallManager);
  private readonly announcer = inject(LiveAnnouncer);

  private readonly _messages = signal<CallMessageDto[]>([]);
  private readonly _pending = signal<PendingMessage[]>([]);
  private readonly _open = signal(false);
  private readonly _unread = signal(0);
  private readonly _error = signal<string | null>(null);
  readonly messages = this._messages.asReadonly();
  readonly pending = this._pending.asReadonly();
  /** The chat panel is shown. */
  readonly open = this._open.asReadonly();
  /** The other side's messages that arrived while the panel was closed. */
  readonly unread = this._unread.asReadonly();
  /** The last refusal of a card or a load, in words. */
  readonly error = this._error.asReadonly();
  readonly viewer = this.manager.viewer;

  /** The call messages go to: the answered call on this device. */
  private readonly liveCallId = computed(() => {
    const call = this.manager.call();
    return call?.status === 'accepted' ? call.id : null;
  });
  private callId: string | null = null;
  /** The call whose earlier messages were loaded. */
  private loadedFor: string | null = null;

  constructor() {
    effect(() => {
      const id = this.liveCallId();
      untracked(() => this.follow(id));
    });
    // Earlier messages are loaded once the call has connected, not while it is being set up
    // (a new call has none; one rejoined after a reload is connected already). Messages sent
    // meanwhile arrive as pushes and are merged by id.
    effect(() => {
      const id = this.liveCallId();
      const connected = this.manager.connectedAt() !== null;
      untracked(() => {
        if (id && connected && this.loadedFor !== id) {
          this.loadedFor = id;
          void this.load(id);
        }
      });
    });
    this.socket.on('call:message').subscribe(({ message }) => this.receive([message], true));
    this.socket.resumed$.subscribe(({ callId, result }) => {
      if (!result.ok || callId !== this.callId) return;
      void this.load(callId);
      for (const p of this._pending()) if (!p.error) void this.deliver(callId, p);
    });
  }

  setOpen(open: boolean): void {
    this._open.set(open);
    if (open) this._unread.set(0);
  }

  /** Sends a text message; it shows as pending until the server stores it. */
  async send(text: string): Promise<void> {
    const callId = this.callId;
    const trimmed = text.trim();
    if (!callId || !trimmed) return;
    const pending: PendingMessage = { clientId: newClientId(), text: trimmed, error: null };
    this._pending.update((list) => [...list, pending]);
    await this.deliver(callId, pending);
  }

  /** Sends a refused message again, with the same client id. */
  async retry(clientId: string): Promise<void> {
    const found = this._pending().find((p) => p.clientId === clientId);
    if (!found || !this.callId) return;
    const again = { ...found, error: null };
    this._pending.update((list) => list.map((p) => (p.clientId === clientId ? again : p)));
    await this.deliver(this.callId, again);
  }

  discard(clientId: string): void {
    this._pending.update((list) => list.filter((p) => p.clientId !== clientId));
  }

  /** The seller sends one of the shop's products into the call; resolves false when refused. */
  async sendProduct(productId: string): Promise<boolean> {
    const callId = this.callId;
    if (!callId) return false;
    this._error.set(null);
    const ack = await this.socket.emitWithAck('call:product', { callId, clientId: newClientId(), productId });
    if (!ack.ok) {
      this._error.set(ack.error.message);
      return false;
    }
    this.receive([ack.message], false);
    return true;
  }

  private async deliver(callId: string, pending: PendingMessage): Promise<void> {
    const ack = await this.socket.emitWithAck('call:message', {
      callId,
      clientId: pending.clientId,
      text: pending.text,
    });
    if (callId !== this.callId) return;
    if (ack.ok) {
      this.discard(pending.clientId);
      this.receive([ack.message], false);
      return;
    }
    // No connection or no answer: it goes again once the call is resumed on a new connection.
    if (ack.error.code === 'INTERNAL') return;
    this._pending.update((list) =>
      list.map((p) => (p.clientId === pending.clientId ? { ...p, error: ack.error.message } : p)),
    );
  }

  private follow(callId: string | null): void {
    if (callId === this.callId) return;
    this.callId = callId;
    this._messages.set([]);
    this._pending.set([]);
    this._unread.set(0);
    this._error.set(null);
    this._open.set(false);
  }

  private async load(callId: string): Promise<void> {
    try {
      const list = await firstValueFrom(this.api.messages(callId));
      if (callId === this.callId) this.receive(list, false);
    } catch {
      if (callId === this.callId) this._error.set('Earlier messages could not be loaded.');
    }
  }

  /** Adds messages of the current call; counts and announces the other side's new ones when `live`. */
  private receive(messages: CallMessageDto[], live: boolean): void {
    const known = new Set(this._messages().map((m) => m.id));
    const fresh = messages.filter((m) => m.callId === this.callId && !known.has(m.id));
    if (!fresh.length) return;
    this._messages.update((list) => mergeMessages(list, fresh));
    // Sent from this device: no longer pending (a push can overtake the acknowledgement).
    const mine = new Set(fresh.map((m) => m.clientId));
    this._pending.update((list) => list.filter((p) => !mine.has(p.clientId)));
    if (!live) return;
    const theirs = fresh.filter((m) => m.sender !== this.viewer());
    if (!theirs.length) return;
    if (!this._open()) this._unread.update((n) => n + theirs.length);
    for (const m of theirs) void this.announcer.announce(announcement(m), 'polite');
  }
}

/** What a screen reader says of a new message. */
export function announcement(m: CallMessageDto): string {
  if (m.kind === 'product' && m.product) return `${m.senderName} sent a product: ${m.product.name}`;
  return `Message from ${m.senderName}: ${m.text ?? ''}`;
}
