import type { CallbackRequestDto, CallEndReason, CallStatus } from '@callshop/contracts';
import type { CallRecord } from './call.mapper';
import type { CallSide } from './call-state';

/**
 * Domain events, published after the change is committed. The gateway subscribes to push
 * socket messages; later features (notifications, analytics) subscribe the same way.
 */
export class CallStartedEvent {
  static readonly NAME = 'call.started';
  constructor(
    readonly record: CallRecord,
    /** Staff of the callee shop already in a live call: they are not rung. */
    readonly busyStaffIds: string[] = [],
  ) {}
}

/**
 * One staff member declined a customer's call that still rings for their colleagues: it stops
 * ringing on that staff member's devices only.
 */
export class CallDeclinedByStaffEvent {
  static readonly NAME = 'call.declined-by-staff';
  constructor(
    readonly record: CallRecord,
    readonly staffId: string,
  ) {}
}

export class CallAnsweredEvent {
  static readonly NAME = 'call.answered';
  constructor(readonly record: CallRecord) {}
}

/** Media flowed both ways for the first time: the call is connected (not merely answered). */
export class CallConnectedEvent {
  static readonly NAME = 'call.connected';
  constructor(readonly record: CallRecord) {}
}

/** Media stopped after the call connected (`interrupted`), or came back. */
export class CallMediaChangedEvent {
  static readonly NAME = 'call.media-changed';
  constructor(
    readonly record: CallRecord,
    readonly flowing: boolean,
  ) {}
}

/**
 * One side's incoming media stopped or flowed again after the call connected, as its device
 * reported it (once per change): the other side is told its peer's connection is interrupted
 * or restored.
 */
export class CallSideMediaChangedEvent {
  static readonly NAME = 'call.side-media-changed';
  constructor(
    readonly record: CallRecord,
    readonly side: CallSide,
    readonly flowing: boolean,
  ) {}
}

export class CallEndedEvent {
  static readonly NAME = 'call.ended';
  readonly status: CallStatus;
  readonly reason: CallEndReason | null;
  constructor(readonly record: CallRecord) {
    this.status = record.call.status;
    this.reason = record.call.endReason;
  }
}

export class CallbackRequestedEvent {
  static readonly NAME = 'callback.requested';
  constructor(
    readonly callback: CallbackRequestDto,
    readonly customerId: string,
    readonly shopId: string,
  ) {}
}

export class CallbackUpdatedEvent {
  static readonly NAME = 'callback.updated';
  constructor(
    readonly callback: CallbackRequestDto,
    readonly customerId: string,
    readonly shopId: string,
  ) {}
}
