import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { CallQualitySample } from '@callshop/contracts';
import { CodedException } from '@callshop/api/core';
import { CallsRepository } from '../data/calls.repository';
import { CallConnectedEvent, CallMediaChangedEvent, CallSideMediaChangedEvent } from '../model/call-events';

const notBound = () =>
  new CodedException(409, 'NOT_IN_CALL', 'This device is not bound to an answered call with this id');

/**
 * What the devices of an answered call report about its media: whether it flows (the call
 * is connected while it flows both ways, which the first time publishes `call.connected`, and
 * a stop after that starts the reconnect grace; each side's own stop or return after that
 * publishes `call.side-media-changed`, which tells the other side), and periodic quality samples (which the
 * repository turns into the call's quality summary when the call ends).
 */
@Injectable()
export class CallMedia {
  constructor(
    private readonly repo: CallsRepository,
    private readonly events: EventEmitter2,
  ) {}

  async report(callId: string, deviceId: string, flowing: boolean): Promise<void> {
    const change = await this.repo.reportMedia(callId, deviceId, flowing);
    if (!change) throw notBound();
    if (change.connectedNow) {
      this.events.emit(CallConnectedEvent.NAME, new CallConnectedEvent(change.record));
    }
    if (change.wasFlowing !== change.flowing && change.record.call.connectedAt) {
      this.events.emit(CallMediaChangedEvent.NAME, new CallMediaChangedEvent(change.record, change.flowing));
    }
    // Before the call connected the other side shows "connecting" anyway; a repeated report
    // (an acknowledgement that went missing) changes nothing and tells nobody.
    if (change.sideWasFlowing !== flowing && change.record.call.connectedAt && !change.connectedNow) {
      this.events.emit(
        CallSideMediaChangedEvent.NAME,
        new CallSideMediaChangedEvent(change.record, change.side, flowing),
      );
    }
  }

  /** Keeps a sample; `kept` is false when it came sooner than 1.5 s after that side's last one. */
  async sample(callId: string, deviceId: string, sample: CallQualitySample): Promise<{ kept: boolean }> {
    if (await this.repo.addQualitySample(callId, deviceId, sample)) return { kept: true };
    const binding = await this.repo.findBinding(callId);
    const bound =
      binding?.status === 'accepted' && [binding.callerDeviceId, binding.calleeDeviceId].includes(deviceId);
    if (!bound) throw notBound();
    return { kept: false };
  }
}
