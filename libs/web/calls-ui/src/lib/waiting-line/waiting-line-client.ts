import { Injectable, computed, inject, signal } from '@angular/core';
import type { CallDto, WaitingLineEntryDto } from '@callshop/contracts';
import { CallSocket, describeError } from '@callshop/web/core';
import { CallStateMachine, type PlaceCallRequest } from '../call-state-machine';
import { LiveCall } from '../live-call';

/** "about 3 min" for an estimate in seconds. */
export function waitWords(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return 'less than a minute';
  return `about ${Math.round(seconds / 60)} min`;
}

/** "You are number 2 in line · about 3 min". */
export function placeInLine(entry: Pick<WaitingLineEntryDto, 'position' | 'estimatedWaitSeconds'>): string {
  const wait = waitWords(entry.estimatedWaitSeconds);
  const place = `You are number ${entry.position} in line`;
  return wait ? `${place} · ${wait}` : place;
}

/**
 * This customer's place in a shop's waiting line: joins it from a busy call's outcome, follows
 * the server's `line:updated` pushes (place, estimated wait), leaves it in one click, and when
 * the server starts the call (`line:dispatched`, on this socket) rings it as a call this
 * device placed: the camera opens and the outgoing card shows until the staff member answers.
 */
@Injectable({ providedIn: 'root' })
export class WaitingLineClient {
  private readonly socket = inject(CallSocket);
  private readonly machine = inject(CallStateMachine);
  private readonly live = inject(LiveCall);

  private readonly current = signal<WaitingLineEntryDto | null>(null);
  private readonly request = signal<PlaceCallRequest | null>(null);
  private readonly failed = signal<string | null>(null);
  /** Entries left from this page: a place pushed just before the leave is not shown again. */
  private readonly left = new Set<string>();
  /** The entry while waiting (position, estimate), null otherwise. */
  readonly entry = this.current.asReadonly();
  readonly waiting = computed(() => this.current()?.status === 'waiting');
  /** Why joining or leaving failed, in words. */
  readonly error = this.failed.asReadonly();
  /** The shop and product of the call waited for. */
  readonly target = this.request.asReadonly();
  /** Epoch ms when this device joined (for the elapsed time). */
  readonly joinedAt = computed(() => {
    const entry = this.current();
    return entry ? Date.parse(entry.joinedAt) : null;
  });

  constructor() {
    this.socket.on('line:updated').subscribe(({ entry }) => {
      // A line this page did not join (a reload, another tab): shown here too, unless it left it.
      const adopt = !this.current() && entry.status === 'waiting' && !this.left.has(entry.id);
      if (this.current()?.id !== entry.id && !adopt) return;
      if (adopt) {
        this.request.set({
          type: entry.type,
          sellerId: entry.shopId,
          productId: entry.product?.id,
          displayName: entry.shopName,
        });
      }
      if (entry.status === 'waiting') this.current.set(entry);
      else if (entry.status !== 'rung') {
        this.current.set(null);
        if (entry.status === 'dropped') this.failed.set('You left the line while you were away.');
      }
    });
    this.socket.on('line:dispatched').subscribe(({ entry, call }) => void this.ring(entry, call));
  }

  /** Joins the shop's line with the busy call's request (shop, product, type). */
  async join(request: PlaceCallRequest): Promise<boolean> {
    if (!request.sellerId || !request.productId) return false;
    this.failed.set(null);
    try {
      const { entry } = await this.socket.request('line:join', {
        sellerId: request.sellerId,
        productId: request.productId,
        type: request.type,
      });
      this.request.set(request);
      this.current.set(entry);
      return true;
    } catch (error) {
      this.failed.set(describeError(error, 'Joining the line failed.'));
      return false;
    }
  }

  /** Leaves the line (one click); the customers behind move up. */
  async leave(): Promise<void> {
    const entry = this.current();
    if (!entry) return;
    this.left.add(entry.id);
    this.current.set(null);
    try {
      await this.socket.request('line:leave', { shopId: entry.shopId });
    } catch (error) {
      // Already out of line (rung or dropped meanwhile): nothing to leave.
      if (this.machine.phase === 'idle') this.failed.set(describeError(error, 'Leaving the line failed.'));
    }
  }

  clearError(): void {
    this.failed.set(null);
  }

  /** The server started our call: ring it as one this device placed. */
  private async ring(entry: WaitingLineEntryDto, call: CallDto): Promise<void> {
    // Pushed to this device only: the server bound the call to it (also after a reload).
    if (this.left.has(entry.id)) return;
    const joined = this.request();
    const request =
      joined?.sellerId === call.shop.id
        ? joined
        : {
            type: call.type,
            sellerId: call.shop.id,
            productId: call.product?.id,
            displayName: call.shop.name,
          };
    this.current.set(null);
    if (this.machine.busy()) {
      void this.socket.emitWithAck('call:cancel', { callId: call.id });
      return;
    }
    this.live.begin('preparing', { request, call: null });
    const preparing = () => this.machine.phase === 'preparing';
    if (!(await this.live.openMedia(call.type, preparing))) {
      void this.socket.emitWithAck('call:cancel', { callId: call.id });
      return;
    }
    this.machine.setPhase('outgoing', { call });
    this.live.negotiateWhileRinging(call);
  }
}
