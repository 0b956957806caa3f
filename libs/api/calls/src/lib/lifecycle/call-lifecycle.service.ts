import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { callsConfig } from '@callshop/api/core';
import type { CallDto, SignalPayload } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { CallsRepository } from '../data/calls.repository';
import type { CallRecord } from '../model/call.mapper';
import { isLiveStatus, participation, type CallSide, type Participation } from '../model/call-state';
import { PresenceService } from '../presence/presence.service';
import { CallDeadlines } from './call-deadlines.service';
import { CallMedia } from './call-media.service';
import { CallStateMachine } from './call-state-machine';

/** What `call:accept` / `call:resume` hand to the device now bound to the call. */
export interface DeviceBinding {
  record: CallRecord;
  role: CallSide;
  polite: boolean;
  /** The device came back within the reconnect grace (the other side is told). */
  reconnected: boolean;
}

/**
 * What the parties do to a call once it exists: accept, decline, cancel, hang up, and bind a
 * device again after a reconnect. Each action authorizes the user against the call, then
 * makes one transition; refusals say why (404 to strangers, 403 to the wrong side, 409 when
 * the call has moved on).
 */
@Injectable()
export class CallLifecycle {
  constructor(
    private readonly repo: CallsRepository,
    private readonly machine: CallStateMachine,
    private readonly deadlines: CallDeadlines,
    private readonly media: CallMedia,
    @Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>,
    private readonly presence: PresenceService,
  ) {}

  /** The call and the user's side of it; 404 for anyone who is not a party (never revealing that it exists). */
  async forParty(callId: string, user: AuthUser): Promise<{ record: CallRecord; party: Participation }> {
    const record = await this.repo.find(callId);
    const party = record && participation(record, user);
    if (!record || !party) throw new NotFoundException(`Call ${callId} not found`);
    return { record, party };
  }

  /** The called side takes the call on `deviceId`; the first device wins. */
  async accept(user: AuthUser, callId: string, deviceId: string): Promise<DeviceBinding> {
    // One conditional change does the authorization and the change; only a refusal reads the call to explain it.
    const [record] = await this.machine.apply(
      {
        callId,
        from: ['ringing'],
        answerableBy: { userId: user.id, shopId: user.shopId ?? null },
        ringDeadlinePassed: false,
      },
      {
        to: 'accepted',
        calleeDeviceId: deviceId,
        mediaTimeoutMs: this.config.mediaTimeoutMs,
        ...(user.shopId ? { answeredBy: user.id } : {}),
      },
    );
    if (record) return { record, role: 'callee', polite: true, reconnected: false };
    const { record: current, party } = await this.forParty(callId, user);
    if (party.side !== 'callee') throw new ForbiddenException('Only the called side can accept a call');
    if (current.call.status !== 'ringing') {
      throw new ConflictException(`The call is already ${current.call.status}`);
    }
    if (await this.deadlines.expireRinging(callId)) throw new ConflictException('The call is already missed');
    const now = await this.repo.find(callId);
    throw new ConflictException(`The call is already ${now?.call.status ?? 'over'}`);
  }

  /**
   * Holds what the caller's device `deviceId` sends while the call rings (the gateway has
   * authorized the user; see {@link CallsRepository.holdSignal}).
   */
  holdSignal(
    callId: string,
    deviceId: string,
    signal: SignalPayload,
    max: number,
  ): Promise<'held' | 'full' | 'not-ringing'> {
    return this.repo.holdSignal(callId, deviceId, signal, max);
  }

  /** Hands the device that just accepted what the caller sent while the call rang, once. */
  async takeHeldSignals(callId: string): Promise<SignalPayload[]> {
    return (await this.repo.takeHeldSignals(callId)) as SignalPayload[];
  }

  /**
   * The called side says no. A customer's call rings every available staff member of the shop:
   * one staff member's decline stops it ringing for them only, and it ends `declined` when
   * the last one it rings for declines (the answer then has status `ringing` or `declined`).
   */
  async decline(user: AuthUser, callId: string): Promise<CallDto> {
    const { record, party } = await this.forParty(callId, user);
    if (party.side !== 'callee') throw new ForbiddenException('Only the called side can decline a call');
    this.assertRinging(record);
    if (user.shopId && record.initiatedBy === 'customer')
      return this.staffDecline(user.id, user.shopId, record);
    return (
      await this.machine.transition(callId, { to: 'declined', reason: 'declined' }, { from: ['ringing'] })
    ).call;
  }

  async cancel(user: AuthUser, callId: string): Promise<CallDto> {
    const { record, party } = await this.forParty(callId, user);
    if (party.side !== 'caller' || !party.holder) {
      throw new ForbiddenException('Only the caller can cancel a call');
    }
    this.assertRinging(record);
    return (
      await this.machine.transition(callId, { to: 'cancelled', reason: 'cancelled' }, { from: ['ringing'] })
    ).call;
  }

  /** Ends an answered call; on a ringing call it cancels (caller) or declines (callee). */
  async hangup(user: AuthUser, callId: string): Promise<CallDto> {
    const hangup = { to: 'ended', reason: 'hangup' } as const;
    const [ended] = await this.machine.apply({ callId, from: ['accepted'], heldBy: user.id }, hangup);
    if (ended) return ended.call;
    const { record, party } = await this.forParty(callId, user);
    if (!party.holder) throw new ForbiddenException('A colleague holds this call');
    if (record.call.status === 'ringing') {
      return party.side === 'caller' ? this.cancel(user, callId) : this.decline(user, callId);
    }
    return (await this.machine.transition(callId, hangup, { from: ['accepted'] })).call;
  }

  /**
   * Binds a live call to this socket: after a reconnect, or after a REST initiate without a
   * device. `fresh`: the page starts a new peer connection, so its media flows again only once
   * it says so.
   */
  async resume(user: AuthUser, callId: string, deviceId: string, fresh = false): Promise<DeviceBinding> {
    const { record, party } = await this.forParty(callId, user);
    if (!party.holder) throw new ForbiddenException('A colleague holds this call');
    const status = record.call.status;
    if (!isLiveStatus(status)) throw new ConflictException(`The call is already ${status}`);
    if (party.side === 'callee' && status === 'ringing') {
      throw new ConflictException('The call is still ringing: accept it instead');
    }
    const bound = await this.repo.bindDevice(callId, party.side, deviceId);
    if (!bound) {
      const now = await this.repo.find(callId);
      throw new ConflictException(`The call is already ${now?.call.status ?? 'over'}`);
    }
    if (!bound.record.callerLostAt && !bound.record.calleeLostAt) this.deadlines.graceOver(callId);
    if (fresh && status === 'accepted') await this.media.report(callId, deviceId, false);
    return {
      record: bound.record,
      role: party.side,
      polite: party.side === 'callee',
      reconnected: bound.wasLost,
    };
  }

  private async staffDecline(userId: string, shopId: string, record: CallRecord): Promise<CallDto> {
    const callId = record.call.id;
    if (record.declinedStaff.includes(userId)) throw new ConflictException('You declined this call already');
    const { availableStaffIds } = await this.presence.shopStatus(shopId);
    const declined = await this.machine.staffDecline(callId, { userId, shopId }, availableStaffIds);
    if (declined) return declined.call;
    if (await this.deadlines.expireRinging(callId)) throw new ConflictException('The call is already missed');
    const now = await this.repo.find(callId);
    if (now?.call.status === 'ringing' && now.declinedStaff.includes(userId)) {
      throw new ConflictException('You declined this call already');
    }
    throw new ConflictException(`The call is already ${now?.call.status ?? 'over'}`);
  }

  private assertRinging(record: CallRecord): void {
    if (record.call.status !== 'ringing') {
      throw new ConflictException(`The call is already ${record.call.status}`);
    }
  }
}
