import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { OnEvent } from '@nestjs/event-emitter';
import { callsConfig } from '@callshop/api/core';
import { CallsRepository } from '../data/calls.repository';
import {
  CallAnsweredEvent,
  CallConnectedEvent,
  CallEndedEvent,
  CallMediaChangedEvent,
  CallStartedEvent,
} from '../model/call-events';
import type { CallRecord } from '../model/call.mapper';
import type { CallSide } from '../model/call-state';
import { PresenceService } from '../presence/presence.service';
import { CallClock } from './call-clock';
import { CallStateMachine } from './call-state-machine';

const CONNECTION_LOST = { to: 'failed', reason: 'connection_lost' } as const;
const MEDIA_FAILED = { to: 'failed', reason: 'media_failed' } as const;

/** Grace after the called side's last device goes, so a page reload does not end a ringing call. */
const CALLEE_AWAY_MS = 5000;

/**
 * Time in a call's life: the ring deadline (missed / timeout), the media deadline of an
 * answered call that never connects (failed / media_failed), the reconnect grace of a device
 * that went away or of media that stopped (failed / connection_lost), and the called side
 * going offline while it rings (missed / offline). Each instance keeps timers for the calls it started or saw,
 * and every instance sweeps the database for deadlines that passed anyway, so a restart or a
 * lost instance never leaves a call ringing or live forever.
 */
@Injectable()
export class CallDeadlines implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CallDeadlines');
  private readonly timers = new Map<string, unknown>();
  private sweeper: unknown = null;
  private sweeping = false;

  constructor(
    private readonly repo: CallsRepository,
    private readonly machine: CallStateMachine,
    private readonly presence: PresenceService,
    private readonly clock: CallClock,
    @Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>,
  ) {}

  /**
   * Closes what a previous run left behind, then keeps sweeping. Runs once the gateway exists,
   * so presence sees the sockets of every instance.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const device of await this.repo.boundDevices()) {
        if (!(await this.presence.isSocketConnected(device))) await this.deviceLost(device);
      }
    } catch (e) {
      this.logger.warn(`Checking devices of live calls failed: ${(e as Error).message}`);
    }
    await this.sweep();
    const { ringTimeoutMs, reconnectGraceMs } = this.config;
    const every = Math.min(5000, Math.max(250, Math.floor(Math.min(ringTimeoutMs, reconnectGraceMs) / 4)));
    this.sweeper = this.clock.setInterval(() => void this.sweep(), every);
  }

  onModuleDestroy(): void {
    if (this.sweeper) this.clock.clearInterval(this.sweeper);
    for (const t of this.timers.values()) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  @OnEvent(CallStartedEvent.NAME)
  onRinging({ record }: CallStartedEvent): void {
    const { id, ringDeadlineAt } = record.call;
    const deadline = ringDeadlineAt
      ? Date.parse(ringDeadlineAt)
      : this.clock.now() + this.config.ringTimeoutMs;
    this.setTimer(`${id}:ring`, deadline - this.clock.now() + 50, () => this.expireRinging(id));
  }

  /** Answered is not connected: media must flow both ways within `mediaTimeoutMs`. */
  @OnEvent(CallAnsweredEvent.NAME)
  onAnswered({ record }: CallAnsweredEvent): void {
    const id = record.call.id;
    this.clearTimer(`${id}:ring`);
    this.setTimer(`${id}:media`, this.config.mediaTimeoutMs + 50, () => this.expireMedia(id));
  }

  @OnEvent(CallConnectedEvent.NAME)
  onConnected({ record }: CallConnectedEvent): void {
    this.clearTimer(`${record.call.id}:media`);
  }

  /** Media stopped after the call connected: it has the reconnect grace to come back. */
  @OnEvent(CallMediaChangedEvent.NAME)
  onMediaChanged({ record, flowing }: CallMediaChangedEvent): void {
    const id = record.call.id;
    if (flowing) this.clearTimer(`${id}:media-lost`);
    else this.setTimer(`${id}:media-lost`, this.config.reconnectGraceMs + 50, () => this.expireMediaLost(id));
  }

  @OnEvent(CallEndedEvent.NAME)
  onEnded({ record }: CallEndedEvent): void {
    for (const timer of ['ring', 'grace', 'media', 'media-lost'])
      this.clearTimer(`${record.call.id}:${timer}`);
  }

  /**
   * A socket went away: the live calls it was bound to wait `reconnectGraceMs` for the same
   * user to resume on a new socket, then end as failed / connection_lost.
   */
  async deviceLost(deviceId: string): Promise<{ record: CallRecord; side: CallSide }[]> {
    const lost = await this.repo.releaseDevice(deviceId);
    for (const { record } of lost) {
      const id = record.call.id;
      this.setTimer(`${id}:grace`, this.config.reconnectGraceMs + 50, () => this.expireLost(id));
    }
    return lost;
  }

  /** Every device of the call is bound again: nothing to wait for. */
  graceOver(callId: string): void {
    this.clearTimer(`${callId}:grace`);
  }

  /**
   * The callee side of ringing calls went away (the shop's last available staff device, or the
   * customer's last device). After a short wait, so a page reload does not end the call,
   * calls still ringing there with nobody left to ring become missed / offline at once instead
   * of ringing out the full timeout.
   */
  calleeMayBeGone(side: { shopId: string } | { customerId: string }): void {
    const key = 'shopId' in side ? `shop:${side.shopId}:away` : `customer:${side.customerId}:away`;
    const missed = { to: 'missed', reason: 'offline' } as const;
    this.setTimer(key, Math.min(CALLEE_AWAY_MS, this.config.reconnectGraceMs), async () => {
      if ('shopId' in side) {
        if ((await this.presence.shopStatus(side.shopId)).available) return;
        await this.machine.apply({ untakenCallsToShop: side.shopId, from: ['ringing'] }, missed);
      } else {
        if (await this.presence.isUserOnline(side.customerId)) return;
        await this.machine.apply({ shopCallsToCustomer: side.customerId, from: ['ringing'] }, missed);
      }
    });
  }

  /** Ring deadline passed: missed for both sides. Returns false when the call was no longer ringing. */
  async expireRinging(callId: string): Promise<boolean> {
    const done = await this.machine.apply(
      { callId, from: ['ringing'], ringDeadlinePassed: true },
      { to: 'missed', reason: 'timeout' },
    );
    return done.length > 0;
  }

  /** Answered, but media never flowed both ways in time: failed / media_failed for both sides. */
  private async expireMedia(callId: string): Promise<void> {
    await this.machine.apply({ callId, mediaDeadlinePassed: true }, MEDIA_FAILED);
  }

  private async expireMediaLost(callId: string): Promise<void> {
    await this.machine.apply({ callId, mediaLostForMs: this.config.reconnectGraceMs }, CONNECTION_LOST);
  }

  private async expireLost(callId: string): Promise<void> {
    await this.machine.apply({ callId, deviceLostForMs: this.config.reconnectGraceMs }, CONNECTION_LOST);
  }

  /** Closes every call whose ring deadline or reconnect grace has passed (all instances do this). */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.machine.apply(
        { ringDeadlinePassed: true, from: ['ringing'] },
        { to: 'missed', reason: 'timeout' },
      );
      const grace = this.config.reconnectGraceMs;
      await this.machine.apply({ deviceLostForMs: grace }, CONNECTION_LOST);
      await this.machine.apply({ mediaLostForMs: grace }, CONNECTION_LOST);
      await this.machine.apply({ mediaDeadlinePassed: true }, MEDIA_FAILED);
    } catch (e) {
      this.logger.warn(`Sweeping calls failed: ${(e as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  private setTimer(key: string, ms: number, run: () => Promise<unknown>): void {
    this.clearTimer(key);
    const timer = this.clock.setTimeout(
      () => {
        this.timers.delete(key);
        run().catch((e: Error) => this.logger.warn(`Call timer ${key} failed: ${e.message}`));
      },
      Math.max(0, ms),
    );
    this.timers.set(key, timer);
  }

  private clearTimer(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) {
      this.clock.clearTimeout(t);
      this.timers.delete(key);
    }
  }
}
