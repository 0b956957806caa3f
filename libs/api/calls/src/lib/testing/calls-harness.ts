import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { NotFoundException } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { CallsConfig } from '@callshop/api/core';
import type { AuthUser, User } from '@callshop/api/auth';
import type { ProductsService } from '@callshop/api/products';
import type { CallbacksService } from '../callbacks/callbacks.service';
import { CallHistory } from '../history/call-history.service';
import type { OpeningHoursService } from '../hours/opening-hours.service';
import type { WaitingLineRepository } from '../queue/waiting-line.repository';
import { CallDeadlines } from '../lifecycle/call-deadlines.service';
import { CallLifecycle } from '../lifecycle/call-lifecycle.service';
import { CallMedia } from '../lifecycle/call-media.service';
import { CallStarter } from '../lifecycle/call-starter.service';
import { CallStateMachine } from '../lifecycle/call-state-machine';
import type { CustomerGate } from '../limits/customer-gate';
import {
  CallAnsweredEvent,
  CallConnectedEvent,
  CallEndedEvent,
  CallMediaChangedEvent,
  CallStartedEvent,
} from '../model/call-events';
import type { CallRecord } from '../model/call.mapper';
import type { PresenceService, ShopStaffStatus } from '../presence/presence.service';
import { FakeClock } from './fake-clock';
import { InMemoryCallsRepository } from './in-memory-calls.repository';

/** Who is connected, set by hand: users online, staff taking calls, sockets. */
export class FakePresence {
  readonly online = new Set<string>();
  /** Per shop, the staff taking calls. */
  readonly available = new Map<string, Set<string>>();
  /** Socket id -> user id. */
  readonly sockets = new Map<string, string>();

  async shopStatus(shopId: string): Promise<ShopStaffStatus> {
    const staff = [...(this.available.get(shopId) ?? [])].filter((id) => this.online.has(id));
    return { shopId, online: staff.length > 0, available: staff.length > 0, availableStaffIds: staff };
  }
  async isUserOnline(userId: string): Promise<boolean> {
    return this.online.has(userId);
  }
  async isSocketOf(socketId: string, userId: string): Promise<boolean> {
    return this.sockets.get(socketId) === userId;
  }
  async isSocketConnected(socketId: string): Promise<boolean> {
    return this.sockets.has(socketId);
  }
}

/**
 * The call services wired as the module wires them, on an in-memory repository, a fake clock
 * and fake presence, with the deadlines listening to the domain events.
 */
export function createCallsHarness(config: Partial<CallsConfig> = {}) {
  const clock = new FakeClock();
  const repo = new InMemoryCallsRepository(clock);
  const events = new EventEmitter2();
  const presence = new FakePresence();
  const settings: CallsConfig = {
    ringTimeoutMs: 45_000,
    reconnectGraceMs: 20_000,
    mediaTimeoutMs: 20_000,
    stunUrls: [],
    turnUrls: [],
    turnSecret: null,
    turnTtlSeconds: 3600,
    relayOnly: false,
    limits: { maxSockets: 5, callsPerMinute: 1000, ringsPerShopPerMinute: 1000 },
    ...config,
  };
  const customers = new Set<string>();
  const users = {
    findOneBy: async ({ id }: { id: string }) => (customers.has(id) ? { id } : null),
  } as unknown as Repository<User>;
  const products = {
    findOrFail: async (id: string) => {
      const p = repo.products.get(id);
      if (!p) throw new NotFoundException(`Product ${id} not found`);
      return { ...p, images: p.image ? [p.image] : [] };
    },
  } as unknown as ProductsService;

  const machine = new CallStateMachine(repo, events);
  const presenceService = presence as unknown as PresenceService;
  const deadlines = new CallDeadlines(repo, machine, presenceService, clock, settings);
  // Limits and blocks are covered by the API integration tests; here every customer may call.
  const gate = { call: async () => undefined, callback: async () => undefined } as unknown as CustomerGate;
  // Callback requests (call-backs closing them) are covered by the API integration tests.
  const callbacks = {
    assertCanCallBack: async () => undefined,
    linkCall: async () => undefined,
  } as unknown as CallbacksService;
  // Opening hours are covered by their own spec and the API integration tests: always open here.
  const hours = { closedShops: async () => new Set<string>() } as unknown as OpeningHoursService;
  // The waiting line is covered by its API integration tests: nobody waits here.
  const line = { waitingCustomers: async () => new Map() } as unknown as WaitingLineRepository;
  const starter = new CallStarter(
    repo,
    machine,
    presenceService,
    products,
    users,
    settings,
    gate,
    callbacks,
    hours,
    line,
  );
  const media = new CallMedia(repo, events);
  const history = new CallHistory(repo, presenceService);
  const lifecycle = new CallLifecycle(repo, machine, deadlines, media, settings, presenceService);
  events.on(CallStartedEvent.NAME, (e: CallStartedEvent) => deadlines.onRinging(e));
  events.on(CallAnsweredEvent.NAME, (e: CallAnsweredEvent) => deadlines.onAnswered(e));
  events.on(CallConnectedEvent.NAME, (e: CallConnectedEvent) => deadlines.onConnected(e));
  events.on(CallMediaChangedEvent.NAME, (e: CallMediaChangedEvent) => deadlines.onMediaChanged(e));
  events.on(CallEndedEvent.NAME, (e: CallEndedEvent) => deadlines.onEnded(e));
  const ended: CallRecord[] = [];
  events.on(CallEndedEvent.NAME, (e: CallEndedEvent) => ended.push(e.record));

  return {
    clock,
    repo,
    events,
    presence,
    settings,
    machine,
    deadlines,
    starter,
    lifecycle,
    media,
    history,
    /** Every call that ended, in order, as the `call.ended` event carried it. */
    ended,
    customer(name = 'Ada', online = true): AuthUser {
      const id = randomUUID();
      customers.add(id);
      repo.names.set(id, name);
      if (online) presence.online.add(id);
      return { id, role: 'customer', name };
    },
    /** A shop with its staff (online and taking calls) and one product. */
    shop(name = 'Northwind', staffCount = 1) {
      const shopId = randomUUID();
      repo.shops.add(shopId);
      repo.names.set(shopId, name);
      const staff: (AuthUser & { shopId: string })[] = [];
      for (let i = 0; i < staffCount; i++) {
        const id = randomUUID();
        repo.names.set(id, `${name} staff ${i + 1}`);
        presence.online.add(id);
        staff.push({ id, role: 'seller', name: `${name} staff ${i + 1}`, shopId });
      }
      presence.available.set(shopId, new Set(staff.map((s) => s.id)));
      const productId = randomUUID();
      repo.products.set(productId, {
        id: productId,
        shopId,
        name: 'Lamp',
        price: 1999,
        currency: 'USD',
        image: null,
      });
      return { shopId, staff, productId };
    },
  };
}

export type CallsHarness = ReturnType<typeof createCallsHarness>;
