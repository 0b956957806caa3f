import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CallsRepository } from '../data/calls.repository';
import {
  CallAnsweredEvent,
  CallDeclinedByStaffEvent,
  CallEndedEvent,
  CallStartedEvent,
} from '../model/call-events';
import type { CallRecord } from '../model/call.mapper';
import { validateCallStateMachine, type CallChange, type CallFilter } from '../model/call-state';

/**
 * The call state machine: every status change goes through {@link CallStateMachine.apply},
 * which asks the repository for one conditional change (`CALL_TRANSITIONS` and `ON_ENTER`)
 * and then publishes what happened. Reactions (timers, socket pushes, later webhooks) are
 * listeners of the domain events, not branches here.
 */
@Injectable()
export class CallStateMachine {
  constructor(
    private readonly repo: CallsRepository,
    private readonly events: EventEmitter2,
  ) {
    validateCallStateMachine();
  }

  /** Changes every call matching `filter` that may legally make `change`; returns those changed. */
  async apply(filter: CallFilter, change: CallChange): Promise<CallRecord[]> {
    const records = await this.repo.transition(filter, change);
    for (const record of records) this.onTransitionEnd(record);
    return records;
  }

  /** Changes one call; the loser of a race gets 409 naming the status the call is in. */
  async transition(callId: string, change: CallChange, filter: CallFilter = {}): Promise<CallRecord> {
    const [record] = await this.apply({ ...filter, callId }, change);
    if (record) return record;
    const current = await this.repo.find(callId);
    if (!current) throw new NotFoundException(`Call ${callId} not found`);
    throw new ConflictException(`The call is already ${current.call.status}`);
  }

  /**
   * A staff member declines a customer's call ringing for them. It stops ringing for them
   * (`CallDeclinedByStaffEvent`) or, when they were the last one it rang for, ends `declined`
   * (`CallEndedEvent`), decided by the repository in one statement. Null when it does not ring
   * for them.
   */
  async staffDecline(
    callId: string,
    staff: { userId: string; shopId: string },
    availableStaff: string[],
  ): Promise<CallRecord | null> {
    const record = await this.repo.staffDecline(callId, staff, availableStaff);
    if (!record) return null;
    if (record.call.status === 'ringing') {
      this.events.emit(CallDeclinedByStaffEvent.NAME, new CallDeclinedByStaffEvent(record, staff.userId));
    } else {
      this.onTransitionEnd(record);
    }
    return record;
  }

  /** A new call was recorded: it rings (the called side's devices are rung) or it is already over. */
  announce(record: CallRecord, busyStaffIds: string[]): void {
    if (record.call.status === 'ringing') {
      this.events.emit(CallStartedEvent.NAME, new CallStartedEvent(record, busyStaffIds));
    } else {
      this.events.emit(CallEndedEvent.NAME, new CallEndedEvent(record));
    }
  }

  private onTransitionEnd(record: CallRecord): void {
    if (record.call.status === 'accepted') {
      this.events.emit(CallAnsweredEvent.NAME, new CallAnsweredEvent(record));
    } else if (record.call.status !== 'ringing') {
      this.events.emit(CallEndedEvent.NAME, new CallEndedEvent(record));
    }
  }
}
