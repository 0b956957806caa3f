import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { PeerConnectionState, ShopPresence } from '@callshop/contracts';
import { CallsRepository } from '../data/calls.repository';
import {
  CallAnsweredEvent,
  CallbackRequestedEvent,
  CallbackUpdatedEvent,
  CallConnectedEvent,
  CallDeclinedByStaffEvent,
  CallEndedEvent,
  CallSideMediaChangedEvent,
  CallStartedEvent,
} from '../model/call-events';
import { PresenceService } from '../presence/presence.service';
import { rooms } from '../presence/rooms';
import { BindingCache } from './binding-cache';
import { CallsNamespace } from './calls-namespace';

/**
 * What clients are told when something happens: domain events become `call:*` and
 * `callback:*` pushes, presence changes become `presence:*` pushes, each to the rooms of
 * the people concerned and nobody else.
 */
@Injectable()
export class CallPushes {
  constructor(
    private readonly calls: CallsNamespace,
    private readonly presence: PresenceService,
    private readonly bindings: BindingCache,
    private readonly repo: CallsRepository,
  ) {}

  @OnEvent(CallStartedEvent.NAME)
  onCallStarted(e: CallStartedEvent): void {
    const { call } = e.record;
    if (call.initiatedBy === 'customer') {
      this.calls.server
        ?.to(rooms.shopAvailable(call.shop.id))
        .except(e.busyStaffIds.map(rooms.user))
        .emit('call:incoming', { call });
    } else {
      this.calls.server?.to(rooms.user(call.customer.id)).emit('call:incoming', { call });
    }
  }

  /** A staff member declined; the call rings on for colleagues, so only their devices stop. */
  @OnEvent(CallDeclinedByStaffEvent.NAME)
  onDeclinedByStaff({ record, staffId }: CallDeclinedByStaffEvent): void {
    this.calls.server
      ?.to(rooms.user(staffId))
      .emit('call:ring-stopped', { callId: record.call.id, reason: 'declined' });
  }

  @OnEvent(CallAnsweredEvent.NAME)
  onCallAnswered(e: CallAnsweredEvent): void {
    const server = this.calls.server;
    const { call, callerDeviceId, calleeDeviceId, staffId, customerId, shopId, initiatedBy } = e.record;
    // Other instances drop what they held; here the committed answer is the binding, so the
    // offer and answer that follow at once are relayed without reading it back.
    this.bindings.forget(call.id);
    this.bindings.remember(call.id, {
      status: call.status,
      customerId,
      shopId,
      staffId,
      initiatedBy,
      callerDeviceId,
      calleeDeviceId,
    });
    if (!server) return;
    const byCustomer = call.initiatedBy === 'customer';
    const callerRoom = byCustomer ? rooms.user(call.customer.id) : rooms.user(staffId ?? '');
    const calleeRoom = byCustomer ? rooms.shop(call.shop.id) : rooms.user(call.customer.id);
    server
      .to(callerRoom)
      .emit('call:accepted', { call, role: 'caller', polite: false, deviceId: callerDeviceId ?? '' });
    if (calleeDeviceId) {
      server
        .to(calleeDeviceId)
        .emit('call:accepted', { call, role: 'callee', polite: true, deviceId: calleeDeviceId });
      const answeredBy = byCustomer ? (call.staff ?? { id: '', name: '' }) : call.customer;
      server
        .to(calleeRoom)
        .except(calleeDeviceId)
        .emit('call:answered-elsewhere', { callId: call.id, answeredBy });
    }
  }

  @OnEvent(CallConnectedEvent.NAME)
  onCallConnected({ record: { call } }: CallConnectedEvent): void {
    this.calls.server
      ?.to([rooms.user(call.customer.id), rooms.shop(call.shop.id)])
      .emit('call:connected', { call });
  }

  /**
   * One side's media stopped or came back: the other side's device (only it: the other tabs
   * show no live call) says its peer's connection dropped, or is back.
   */
  @OnEvent(CallSideMediaChangedEvent.NAME)
  onSideMediaChanged({ record, side, flowing }: CallSideMediaChangedEvent): void {
    const other = side === 'caller' ? record.calleeDeviceId : record.callerDeviceId;
    if (!other || record.call.status !== 'accepted') return;
    this.peerConnection(other, record.call.id, flowing ? 'restored' : 'interrupted');
  }

  /** Tells `deviceId` the other side's media stopped (or is back). */
  peerConnection(deviceId: string, callId: string, state: PeerConnectionState): void {
    this.calls.server?.to(deviceId).emit('call:peer-connection', { callId, state });
  }

  @OnEvent(CallEndedEvent.NAME)
  onCallEnded(e: CallEndedEvent): void {
    this.bindings.forget(e.record.call.id);
    const { call } = e.record;
    this.calls.server
      ?.to([rooms.user(call.customer.id), rooms.shop(call.shop.id)])
      .emit('call:ended', { call });
  }

  @OnEvent(CallbackRequestedEvent.NAME)
  @OnEvent(CallbackUpdatedEvent.NAME)
  onCallback(e: CallbackRequestedEvent | CallbackUpdatedEvent): void {
    this.calls.server?.to(rooms.shop(e.shopId)).emit('callback:updated', { callback: e.callback });
    const { customerPhone: _shopOnly, ...forCustomer } = e.callback;
    this.calls.server?.to(rooms.user(e.customerId)).emit('callback:updated', { callback: forCustomer });
  }

  /** The other device of a call whose device dropped waits for it. */
  peerDisconnected(deviceId: string, callId: string, graceMs: number): void {
    this.calls.server?.to(deviceId).emit('call:peer-disconnected', { callId, graceMs });
  }

  peerReconnected(deviceId: string, callId: string, fresh: boolean): void {
    this.calls.server?.to(deviceId).emit('call:peer-reconnected', { callId, fresh });
  }

  /** A seller's devices follow the availability set on any of them. */
  selfAvailability(userId: string, available: boolean): void {
    this.calls.server?.to(rooms.user(userId)).emit('presence:self', { available });
  }

  /** The shop's presence, to the product pages watching it and to its staff. */
  async shopPresence(shopId: string): Promise<ShopPresence> {
    const presence = await this.presence.shopPresence(shopId);
    this.calls.server?.to([rooms.presence(shopId), rooms.shop(shopId)]).emit('presence:shop', presence);
    return presence;
  }

  /** A customer's online status goes only to shops they contacted. */
  async customerPresence(customerId: string, online: boolean): Promise<void> {
    const shops = await this.repo.contactedShops(customerId);
    if (shops.length) {
      this.calls.server?.to(shops.map(rooms.shop)).emit('presence:customer', { customerId, online });
    }
  }
}
