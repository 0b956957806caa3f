import { Injectable, InjectionToken, computed, inject, isDevMode, signal } from '@angular/core';
import type { CallDto, CallType } from '@callshop/contracts';
import { AuthSession } from '@callshop/web/core';
import { RtcConnectionState } from '@callshop/web/rtc';
import type { CallOutcome, CallViewer } from './call-outcome';

/**
 * Where the call stands for this device. `live` is one stored phase; the public
 * {@link CallPhase} splits it into connecting / in-call / reconnecting from the media and
 * socket state ({@link livePhase}), so those never drift apart.
 */
export type StoredCallPhase =
  | 'idle'
  | 'preparing'
  | 'outgoing'
  | 'incoming'
  | 'accepting'
  /** An accepted call of ours is still on, held by no page (e.g. after a reload): offer to rejoin. */
  | 'rejoin'
  | 'live'
  | 'ended';
export type CallPhase = Exclude<StoredCallPhase, 'live'> | 'connecting' | 'in-call' | 'reconnecting';

/** The only legal phase changes; {@link CallStateMachine.setPhase} applies them. */
export const CALL_PHASE_TRANSITIONS: Readonly<Record<StoredCallPhase, readonly StoredCallPhase[]>> = {
  idle: ['preparing', 'incoming', 'rejoin'],
  preparing: ['outgoing', 'live', 'ended'],
  outgoing: ['live', 'ended'],
  incoming: ['accepting', 'live', 'ended'],
  accepting: ['live', 'ended'],
  rejoin: ['live', 'ended'],
  live: ['ended'],
  ended: ['idle', 'preparing', 'incoming', 'rejoin'],
};

/** What a live call looks like from the media, the socket and the other device. */
export interface LiveConditions {
  media: RtcConnectionState;
  /** The other side's media reaches this device. */
  flowing: boolean;
  socketUp: boolean;
  /** The other device dropped and the server is waiting for it. */
  peerAway: boolean;
  /** The other device reported its media stopped (`call:peer-connection`). */
  peerInterrupted: boolean;
  /** Epoch ms when the call connected (media flowing both ways, as the server saw it). */
  connectedAt: number | null;
}

/**
 * Splits the stored `live` phase into what the user sees. Answered is not connected: the call
 * is `in-call` only once the server said media flows both ways (`connectedAt`) and this
 * device's incoming media flows; before that it is `connecting`, after that any gap is
 * `reconnecting`, as is a dropped socket, a dropped other device, or the other device's
 * media stopping.
 */
export function livePhase(conditions: LiveConditions): CallPhase {
  const { media, flowing, socketUp, peerAway, peerInterrupted, connectedAt } = conditions;
  const away = !socketUp || peerAway;
  if (connectedAt === null) return away ? 'reconnecting' : 'connecting';
  const up = !away && !peerInterrupted && flowing && media === RtcConnectionState.Connected;
  return up ? 'in-call' : 'reconnecting';
}

/**
 * The call is reconnecting because of the other side: its device dropped or its media stopped,
 * as the server told this device over a socket that is up (with the socket down, it is this
 * side's connection that dropped).
 */
export function peerDropped({ socketUp, peerAway, peerInterrupted }: LiveConditions): boolean {
  return socketUp && (peerAway || peerInterrupted);
}

/** What to call: a shop about a product (customer), or a customer (seller). */
export interface PlaceCallRequest {
  type: CallType;
  /** The shop, for a customer's call. */
  sellerId?: string;
  productId?: string;
  /** The customer, for a seller's call. */
  customerId?: string;
  /** A seller's call back from this callback request (it closes itself once the call is completed). */
  callbackRequestId?: string;
  /** A customer's call for their booked appointment (it rings at its time even before opening). */
  appointmentId?: string;
  /** Who is being called, shown while ringing ("Calling <name>…"). */
  displayName: string;
}

/** Everything the call views know about this device's call. */
export interface CallState {
  phase: StoredCallPhase;
  call: CallDto | null;
  /** What was asked for, kept to retry (audio only) or fall back to the phone. */
  request: PlaceCallRequest | null;
  outcome: CallOutcome | null;
  /** The other device dropped and the server is waiting for it. */
  peerAway: boolean;
  /**
   * The other device's media stopped after the call connected (`call:peer-connection`), as
   * known while this socket is up.
   */
  peerInterrupted: boolean;
  /** Epoch ms when the call connected (`call:connected`), for the talk-time timer. */
  connectedAt: number | null;
  /** An action (cancel, hang up) failed; shown without leaving the phase. */
  actionError: string | null;
  /** Rejoin was clicked: media and `call:resume` are under way. */
  rejoining: boolean;
}

/** Everything but the phase, which only {@link CallStateMachine.setPhase} changes. */
export type CallStateChanges = Partial<Omit<CallState, 'phase'>>;

/** The data of no call at all: every new call starts from it. */
export const NO_CALL: Required<CallStateChanges> = {
  call: null,
  request: null,
  outcome: null,
  peerAway: false,
  peerInterrupted: false,
  connectedAt: null,
  actionError: null,
  rejoining: false,
};

/** Receives each phase change as `from -> to`; by default the browser's debug log in development. */
export const CALL_PHASE_LOG = new InjectionToken<(change: string) => void>('CALL_PHASE_LOG', {
  providedIn: 'root',
  factory: () => (isDevMode() ? (change: string) => console.debug(`[call] ${change}`) : () => undefined),
});

/**
 * This device's call state, and the one place its phase changes: {@link setPhase} checks
 * {@link CALL_PHASE_TRANSITIONS}, applies the change with the data that goes with it and logs
 * `from -> to`. Everything else changes through {@link patch}, which cannot touch the phase.
 */
@Injectable({ providedIn: 'root' })
export class CallStateMachine {
  private readonly session = inject(AuthSession);
  private readonly log = inject(CALL_PHASE_LOG);
  private readonly current = signal<CallState>({ phase: 'idle', ...NO_CALL });

  readonly state = this.current.asReadonly();
  readonly viewer = computed<CallViewer>(() => (this.session.role() === 'seller' ? 'shop' : 'customer'));
  /** A call is under way on this device (new calls cannot start). */
  readonly busy = computed(() => !['idle', 'ended'].includes(this.current().phase));

  /** The stored phase right now. */
  get phase(): StoredCallPhase {
    return this.current().phase;
  }

  /** The call right now, once the server has one. */
  get call(): CallDto | null {
    return this.current().call;
  }

  /** Moves to `next` if the table allows it (and throws if not), with `changes` in the same update. */
  setPhase(next: StoredCallPhase, changes: CallStateChanges = {}): void {
    const previous = this.current().phase;
    if (!CALL_PHASE_TRANSITIONS[previous].includes(next)) {
      throw new Error(`Illegal call phase change ${previous} -> ${next}`);
    }
    this.current.update((s) => ({ ...s, ...changes, phase: next }));
    this.log(`${previous} -> ${next}`);
  }

  patch(changes: CallStateChanges): void {
    this.current.update((s) => ({ ...s, ...changes }));
  }

  /** The call with this id is this device's live call. */
  isLive(callId: string): boolean {
    return this.phase === 'live' && this.call?.id === callId;
  }
}
