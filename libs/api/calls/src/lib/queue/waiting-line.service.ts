import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { OnEvent } from '@nestjs/event-emitter';
import type {
  CallDto,
  CallType,
  WaitingLineEntryDto,
  WaitingLineStaffEntryDto,
  WaitingLineView,
} from '@callshop/contracts';
import { callsConfig } from '@callshop/api/core';
import type { AuthUser } from '@callshop/api/auth';
import { ShopBlocks } from '../blocking/shop-blocks.service';
import { CallsRepository } from '../data/calls.repository';
import { OpeningHoursService } from '../hours/opening-hours.service';
import { CallStarter } from '../lifecycle/call-starter.service';
import { CallEndedEvent } from '../model/call-events';
import { PresenceService } from '../presence/presence.service';
import { rooms } from '../presence/rooms';
import { CallsNamespace } from '../signaling/calls-namespace';
import { WaitingLineRepository, type LineEntry } from './waiting-line.repository';

/** How often every instance checks the lines: devices gone, staff free (a restart or a missed event). */
export const LINE_SWEEP_MS = 2000;

/**
 * How long after a call ends its shop's line is dispatched. The staff member who hung up is rung
 * next: their page first hears the answer to its hang-up and leaves the call (a ring that
 * arrived while it still showed the call would be dropped there as "busy here").
 */
export const LINE_AFTER_CALL_MS = 1000;

/** How many entries from the head one dispatch looks at (customers away are skipped, not waited for). */
const DISPATCH_WINDOW = 50;

export interface JoinLine {
  productId: string;
  type: CallType;
  deviceId: string;
}

/**
 * A shop's waiting line. Customers join when every staff member taking calls is in a call;
 * when one frees up (a call of the shop ends, a sweep sees a free staff member), the customer
 * at the head gets a call started on their behalf, bound to their device, which rings the
 * free staff as any customer's call does. First come, first served (`seq`), and one instance
 * at a time dispatches a shop (a transaction-scoped advisory lock): the number of calls
 * started is the free staff minus the customers' calls already ringing there, counted under
 * that lock. Everything is in PostgreSQL, so the line survives a restart; every instance
 * sweeps every {@link LINE_SWEEP_MS}.
 */
@Injectable()
export class WaitingLine implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WaitingLine');
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private sweeping = false;
  private stopped = false;
  /** One dispatch per shop at a time on this instance; a request meanwhile runs once after it. */
  private readonly dispatching = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly afterCall = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly repo: WaitingLineRepository,
    private readonly calls: CallsRepository,
    private readonly starter: CallStarter,
    private readonly presence: PresenceService,
    private readonly blocks: ShopBlocks,
    private readonly hours: OpeningHoursService,
    private readonly namespace: CallsNamespace,
    @Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), LINE_SWEEP_MS);
    this.sweeper.unref?.();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const timer of this.afterCall) clearTimeout(timer);
    this.afterCall.clear();
  }

  /** A customer joins the shop's line about one of its products; joining again updates the device. */
  async join(
    user: AuthUser,
    shopId: string,
    body: JoinLine,
    deviceIsOwn = false,
  ): Promise<WaitingLineEntryDto> {
    if (user.role !== 'customer' || user.shopId) {
      throw new ForbiddenException("Only customers wait in a shop's line");
    }
    if (!deviceIsOwn && !(await this.presence.isSocketOf(body.deviceId, user.id))) {
      throw new ForbiddenException('deviceId is not a connected socket of yours');
    }
    const facts = await this.repo.shopAndProduct(shopId, body.productId);
    if (!facts.shopExists) throw new NotFoundException(`Shop ${shopId} not found`);
    if (!facts.productShopId) throw new NotFoundException(`Product ${body.productId} not found`);
    if (facts.productShopId !== shopId) {
      throw new BadRequestException(
        `Product ${body.productId} is not sold by shop ${shopId}: wait in the line of the shop that sells it`,
      );
    }
    await this.blocks.assertMayContact(user.id, shopId);
    if ((await this.hours.closedShops([shopId])).has(shopId)) throw this.hours.closedError();
    const existing = await this.repo.waitingOf(user.id);
    if (existing) return this.rejoin(existing, shopId, body.deviceId);
    if (await this.calls.customerInLiveCall(user.id)) {
      throw new ConflictException('You already have a live call: end it first');
    }
    if (!(await this.presence.shopStatus(shopId)).available) {
      throw new ConflictException('Nobody at this shop takes calls right now: ask for a callback instead');
    }
    const entry = await this.repo.insert({ shopId, customerId: user.id, ...body });
    if (!entry) {
      // Joined at the same moment from another tab or instance.
      const other = await this.repo.waitingOf(user.id);
      if (!other) throw new ConflictException('Joining the line failed: try again');
      return this.rejoin(other, shopId, body.deviceId);
    }
    await this.refresh(shopId);
    this.requestDispatch(shopId);
    return this.ownView(entry);
  }

  private async rejoin(existing: LineEntry, shopId: string, deviceId: string): Promise<WaitingLineEntryDto> {
    if (existing.shopId !== shopId) {
      throw new ConflictException(
        `You are already waiting in line for ${existing.shopName}: leave that line first`,
      );
    }
    await this.repo.setDevice(existing.id, deviceId);
    return this.ownView({ ...existing, deviceId });
  }

  /**
   * A customer's new socket (a reload, another tab) hears where they stand in a line, so the
   * page shows it again; the call still binds to the device that joined while it is connected.
   */
  async greet(socketId: string, customerId: string): Promise<void> {
    const entry = await this.repo.waitingOf(customerId);
    if (entry) this.namespace.server?.to(socketId).emit('line:updated', { entry: await this.ownView(entry) });
  }

  /** The customer leaves the shop's line: one click, and the others move up. */
  async leave(user: AuthUser, shopId: string): Promise<WaitingLineEntryDto> {
    if (user.role !== 'customer') throw new ForbiddenException("Only customers wait in a shop's line");
    const left = await this.repo.finish({ customerId: user.id, shopId }, 'left', { endReason: 'left' });
    if (!left) throw new NotFoundException("You are not waiting in this shop's line");
    const dto = await this.ownView(left);
    this.namespace.server?.to(rooms.user(user.id)).emit('line:updated', { entry: dto });
    await this.refresh(shopId);
    return dto;
  }

  /** The shop's staff see every waiting customer; a customer sees the length and their own place. */
  async view(user: AuthUser, shopId: string): Promise<WaitingLineView> {
    const staff = !!user.shopId && user.shopId === shopId;
    if (user.role !== 'customer' && !staff) {
      throw new ForbiddenException("Only the shop's staff see its line");
    }
    if (!(await this.repo.shopExists(shopId))) throw new NotFoundException(`Shop ${shopId} not found`);
    const line = await this.repo.waiting(shopId);
    const perPosition = await this.secondsPerPosition(shopId);
    const base = {
      shopId,
      length: line.length,
      estimatedWaitSeconds: Math.round((line.length + 1) * perPosition),
    };
    if (staff) {
      return {
        ...base,
        entries: line.map((e, i): WaitingLineStaffEntryDto => ({
          id: e.id,
          position: i + 1,
          customer: { id: e.customerId, name: e.customerName },
          product: e.product,
          type: e.type,
          joinedAt: e.joinedAt.toISOString(),
        })),
      };
    }
    const index = line.findIndex((e) => e.customerId === user.id);
    const mine =
      index >= 0
        ? this.toDto(line[index], index + 1, perPosition)
        : await this.repo
            .latestOf(user.id, shopId)
            .then((e) => (e ? this.toDto(e, null, perPosition) : null));
    return { ...base, mine };
  }

  /** A call of the shop ended: a staff member (or a ringing slot) may be free for the head of the line. */
  @OnEvent(CallEndedEvent.NAME)
  onCallEnded({ record }: CallEndedEvent): void {
    if (record.call.initiatedBy === 'customer' && record.call.status === 'busy') return;
    const timer = setTimeout(() => {
      this.afterCall.delete(timer);
      this.requestDispatch(record.call.shop.id);
    }, LINE_AFTER_CALL_MS);
    this.afterCall.add(timer);
  }

  /** Runs a dispatch of the shop soon; one at a time per shop on this instance. */
  requestDispatch(shopId: string): void {
    void this.dispatch(shopId).catch((e: Error) =>
      this.logger.warn(`Dispatching the line of shop ${shopId} failed: ${e.message}`),
    );
  }

  /**
   * Starts calls for the head of the shop's line, one per free staff member not already rung
   * by a customer's call. Resolves with the number of calls started by this run.
   */
  async dispatch(shopId: string): Promise<number> {
    const running = this.dispatching.get(shopId);
    if (running) {
      running.again = true;
      await running.done;
      return 0;
    }
    let started = 0;
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      do {
        state.again = false;
        started += await this.dispatchOnce(shopId);
      } while (state.again && !this.stopped);
    })();
    this.dispatching.set(shopId, state);
    try {
      await state.done;
    } finally {
      this.dispatching.delete(shopId);
    }
    return started;
  }

  private async dispatchOnce(shopId: string): Promise<number> {
    if (this.stopped) return 0;
    // Most calls end at shops nobody waits for: no transaction, no lock for them.
    if (!(await this.repo.waitingCustomers([shopId])).size) return 0;
    const started: { entry: LineEntry; call: CallDto; device: string }[] = [];
    const dropped: LineEntry[] = [];
    await this.repo.withShopLock(shopId, async (db) => {
      const line = await this.repo.waiting(shopId, db, DISPATCH_WINDOW);
      if (!line.length) return;
      const staff = (await this.presence.shopStatus(shopId)).availableStaffIds;
      if (!staff.length) return;
      const load = await this.repo.load(shopId, staff, db);
      const busy = new Set(load.busyStaffIds);
      let free = staff.filter((id) => !busy.has(id)).length - load.ringing;
      this.logger.debug(
        `Line of shop ${shopId}: ${line.length} waiting, ${staff.length} taking calls, ${busy.size} in a call, ${load.ringing} ringing`,
      );
      if (free <= 0 || (await this.hours.closedShops([shopId])).has(shopId)) return;
      for (const entry of line) {
        if (free <= 0) break;
        const device = await this.deviceFor(entry);
        // Away (the sweep drops them after the grace) or in another call: the next one goes first.
        if (!device || (await this.calls.customerInLiveCall(entry.customerId))) continue;
        let call: CallDto;
        try {
          call = await this.starter.start(
            { id: entry.customerId, role: 'customer', name: entry.customerName },
            {
              by: 'customer',
              shopId,
              productId: entry.product?.id ?? '',
              type: entry.type,
              deviceId: device,
            },
            true,
            { fromLine: true },
          );
        } catch (e) {
          if (e instanceof HttpException && e.getStatus() < 500 && e.getStatus() !== 409) {
            // Blocked since, or the product is gone: this entry cannot be called.
            const reason = e.getStatus() === 403 ? 'blocked' : 'devices_gone';
            const done = await this.repo.finish({ id: entry.id }, 'dropped', { endReason: reason }, db);
            if (done) dropped.push(done);
            continue;
          }
          this.logger.warn(`Starting the call of line entry ${entry.id} failed: ${(e as Error).message}`);
          continue;
        }
        this.logger.debug(`Line entry ${entry.id}: call ${call.id} ${call.status}`);
        // Staff changed in the meantime (the call was recorded busy or missed at once): the
        // customer keeps their place, and everyone waits for the next round.
        if (call.status !== 'ringing') break;
        const done = await this.repo.finish(
          { id: entry.id },
          'rung',
          { callId: call.id, deviceId: device },
          db,
        );
        if (done) started.push({ entry: done, call, device });
        free--;
      }
    });
    const server = this.namespace.server;
    for (const { entry, call, device } of started) {
      const dto = this.toDto(entry, null, 0);
      server?.to(device).emit('line:dispatched', { entry: dto, call });
      server?.to(rooms.user(entry.customerId)).emit('line:updated', { entry: dto });
    }
    for (const entry of dropped) {
      server?.to(rooms.user(entry.customerId)).emit('line:updated', { entry: this.toDto(entry, null, 0) });
    }
    if (started.length || dropped.length) await this.refresh(shopId);
    return started.length;
  }

  /** The device the call binds to: the one that joined, or else another connected tab of the customer. */
  private async deviceFor(entry: LineEntry): Promise<string | null> {
    const server = this.namespace.server;
    if (!server) return null;
    const sockets = await server.in(rooms.user(entry.customerId)).fetchSockets();
    if (entry.deviceId && sockets.some((s) => s.id === entry.deviceId)) return entry.deviceId;
    return sockets[0]?.id ?? null;
  }

  /**
   * Every instance: drops customers whose devices have all been gone for the reconnect grace,
   * then dispatches every shop with a line (so a restart or a missed event still dispatches).
   */
  async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      const customers = await this.repo.waitingCustomerIds();
      if (customers.length) {
        const online = await this.presence.onlineUsers(customers);
        const offline = customers.filter((id) => !online.has(id));
        const dropped = await this.repo.markAway(offline, this.config.reconnectGraceMs);
        const shops = new Set<string>();
        for (const entry of dropped) {
          shops.add(entry.shopId);
          this.namespace.server
            ?.to(rooms.user(entry.customerId))
            .emit('line:updated', { entry: this.toDto(entry, null, 0) });
        }
        for (const shopId of shops) await this.refresh(shopId);
      }
      for (const shopId of await this.repo.shopsWithLine()) {
        if (this.stopped) break;
        await this.dispatch(shopId);
      }
    } catch (e) {
      if (!this.stopped) this.logger.warn(`Sweeping the waiting lines failed: ${(e as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  /** Tells every waiting customer of the shop their place and wait, and the shop's staff the length. */
  async refresh(shopId: string): Promise<void> {
    const server = this.namespace.server;
    if (!server) return;
    const line = await this.repo.waiting(shopId);
    const perPosition = line.length ? await this.secondsPerPosition(shopId) : 0;
    line.forEach((entry, i) => {
      server
        .to(rooms.user(entry.customerId))
        .emit('line:updated', { entry: this.toDto(entry, i + 1, perPosition) });
    });
    server.to(rooms.shop(shopId)).emit('line:length', { shopId, length: line.length });
  }

  /**
   * Seconds of wait per place in line: the median talk time of the shop's recent connected
   * calls, shared by the staff taking calls (at least one).
   */
  private async secondsPerPosition(shopId: string): Promise<number> {
    const talk = await this.repo.typicalTalkSeconds(shopId);
    const staff = (await this.presence.shopStatus(shopId)).availableStaffIds.length;
    return talk / Math.max(1, staff);
  }

  private async ownView(entry: LineEntry): Promise<WaitingLineEntryDto> {
    const position = entry.status === 'waiting' ? await this.repo.position(entry.id) : null;
    return this.toDto(entry, position, position ? await this.secondsPerPosition(entry.shopId) : 0);
  }

  private toDto(entry: LineEntry, position: number | null, secondsPerPosition: number): WaitingLineEntryDto {
    const waiting = entry.status === 'waiting' && position !== null;
    return {
      id: entry.id,
      shopId: entry.shopId,
      shopName: entry.shopName,
      product: entry.product,
      type: entry.type,
      status: entry.status,
      endReason: entry.endReason,
      position: waiting ? position : null,
      estimatedWaitSeconds: waiting ? Math.round(position * secondsPerPosition) : null,
      joinedAt: entry.joinedAt.toISOString(),
      callId: entry.callId,
    };
  }
}
