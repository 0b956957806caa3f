import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CallAppointment, CallDto, ProductSummary } from '@callshop/contracts';
import { BatchQueue, callsConfig } from '@callshop/api/core';
import { User, type AuthUser } from '@callshop/api/auth';
import { ProductsService, toProductSummary } from '@callshop/api/products';
import { CallbacksService } from '../callbacks/callbacks.service';
import { OpeningHoursService } from '../hours/opening-hours.service';
import { CallsRepository } from '../data/calls.repository';
import { CustomerGate } from '../limits/customer-gate';
import type { CallRecord } from '../model/call.mapper';
import { decideNewCall, type NewCall } from '../model/new-call';
import { PresenceService } from '../presence/presence.service';
import { WaitingLineRepository } from '../queue/waiting-line.repository';
import type { CallRequest } from './call-request';
import { CallStateMachine } from './call-state-machine';

type CustomerCall = Extract<CallRequest, { by: 'customer' }> & {
  customerId: string;
  staff: string[];
  /** Started for the head of the shop's waiting line: it may not be overtaken by the line itself. */
  fromLine: boolean;
};

/** A customer's call as its batch recorded it: the call and the staff not rung, or why it was refused. */
type Started = { record: CallRecord; busyStaff: string[] } | Error;

/** Booked appointments, as a customer's call for one needs them (the appointments feature sets it). */
export interface AppointmentCalls {
  /** Throws unless the customer may start this appointment's call with this shop now. */
  assertJoinable(customerId: string, shopId: string, appointmentId: string): Promise<void>;
  /** Links the started call to the appointment; null when the appointment is no longer booked. */
  linkCall(appointmentId: string, callId: string): Promise<CallAppointment | null>;
}

const liveCallConflict = () => new ConflictException('You already have a live call: end it first');

/**
 * Starting a call: checks, the one outcome rule ({@link decideNewCall}: ringing, missed or
 * busy) and one insert, for both directions. Customers' calls arriving together are checked
 * in one round trip and recorded in one statement (group commit), since they are the hot path.
 */
@Injectable()
export class CallStarter {
  private readonly customerCalls = new BatchQueue<CustomerCall, Started>(
    (items) => this.startCustomerCalls(items),
    { maxBatch: 500, concurrency: 1 },
  );

  constructor(
    private readonly repo: CallsRepository,
    private readonly machine: CallStateMachine,
    private readonly presence: PresenceService,
    private readonly products: ProductsService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>,
    private readonly gate: CustomerGate,
    private readonly callbacks: CallbacksService,
    private readonly hours: OpeningHoursService,
    private readonly line: WaitingLineRepository,
  ) {}

  private appointments: AppointmentCalls | null = null;

  /** The appointments feature registers itself (it depends on this class, not the other way round). */
  useAppointments(appointments: AppointmentCalls): void {
    this.appointments = appointments;
  }

  /**
   * `deviceIsOwn`: the device id is the socket the request came through (no need to look it up).
   * `fromLine`: the waiting line starts this call for the customer at its head, who passed the
   * limits when joining.
   */
  async start(
    user: AuthUser,
    request: CallRequest,
    deviceIsOwn = false,
    { fromLine = false }: { fromLine?: boolean } = {},
  ): Promise<CallDto> {
    if (request.deviceId && !deviceIsOwn && !(await this.presence.isSocketOf(request.deviceId, user.id))) {
      throw new ForbiddenException('deviceId is not a connected socket of yours');
    }
    if (request.by === 'shop') return (await this.startShopCall(user, request)).call;
    const appointmentId = request.appointmentId ?? null;
    if (appointmentId) {
      if (!this.appointments) throw new NotFoundException(`Appointment ${appointmentId} not found`);
      await this.appointments.assertJoinable(user.id, request.shopId, appointmentId);
    }
    // A customer's calls are decided in the order they came: the checks before the batch take
    // varying time, and a later call must not overtake an earlier one into it.
    const started = await this.inTurn(user.id, async () => {
      if (!fromLine) await this.gate.call(user.id, request.shopId);
      const staff = await this.presence.shopStatus(request.shopId);
      return this.customerCalls.push({
        ...request,
        customerId: user.id,
        staff: staff.availableStaffIds,
        fromLine,
      });
    });
    if (started instanceof Error) throw started;
    if (appointmentId && this.appointments) {
      // Linked before the staff are rung, so the ringing card shows the appointment.
      const appointment = await this.appointments.linkCall(appointmentId, started.record.call.id);
      if (appointment) started.record.call.appointment = appointment;
    }
    this.machine.announce(started.record, started.busyStaff);
    return started.record.call;
  }

  /** Each customer's calls on this instance, one after another (several instances: the database decides). */
  private readonly customerTurns = new Map<string, Promise<unknown>>();

  private inTurn<T>(customerId: string, run: () => Promise<T>): Promise<T> {
    const before = this.customerTurns.get(customerId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(run);
    this.customerTurns.set(customerId, mine);
    void mine
      .catch(() => undefined)
      .finally(() => {
        if (this.customerTurns.get(customerId) === mine) this.customerTurns.delete(customerId);
      });
    return mine;
  }

  /**
   * One batch of customers' calls. A customer appears once per round, so a second call of
   * theirs meets the first one (and is refused as a conflict).
   */
  private async startCustomerCalls(items: CustomerCall[]): Promise<Started[]> {
    const results: Started[] = new Array(items.length);
    let rest = items.map((item, index) => ({ item, index }));
    while (rest.length) {
      // The first call of each customer goes in this round, any other in a later one.
      const firstOfCustomer = new Map<string, (typeof rest)[number]>();
      for (const entry of rest) {
        if (!firstOfCustomer.has(entry.item.customerId)) firstOfCustomer.set(entry.item.customerId, entry);
      }
      const round = [...firstOfCustomer.values()];
      rest = rest.filter((entry) => firstOfCustomer.get(entry.item.customerId) !== entry);
      // Nobody overtakes the shop's waiting line: while others wait, a new call is busy (and
      // offered the line). Read alongside the checks, so the hot path waits for one round trip.
      const [facts, lines] = await Promise.all([
        this.repo.checkCustomerCalls(round.map(({ item }) => item)),
        this.line.waitingCustomers(round.filter(({ item }) => !item.fromLine).map(({ item }) => item.shopId)),
      ]);
      // Outside a shop's opening hours nothing rings (nor is recorded): the customer is offered a callback.
      const closed = await this.hours.closedShops(round.map(({ item }) => item.shopId));
      const toInsert: { index: number; call: NewCall; busyStaff: string[] }[] = [];
      round.forEach(({ item, index }, i) => {
        const f = facts[i];
        if (!f.shopExists) results[index] = new NotFoundException(`Shop ${item.shopId} not found`);
        else if (!f.product) results[index] = new NotFoundException(`Product ${item.productId} not found`);
        // A booked appointment's call rings at its time, even in the minutes before the shop opens.
        else if (closed.has(item.shopId) && !item.appointmentId) results[index] = this.hours.closedError();
        else if (f.product.shopId !== item.shopId) {
          results[index] = new BadRequestException(
            `Product ${f.product.id} is not sold by shop ${item.shopId}: call the shop that sells it`,
          );
        } else if (f.callerLive) results[index] = liveCallConflict();
        else {
          const { shopId: _seller, ...product } = f.product;
          let outcome = decideNewCall({ available: item.staff, busy: f.busyStaff });
          // A booked appointment's call is not a walk-in: it rings ahead of the waiting line.
          const waiting = item.appointmentId ? undefined : lines.get(item.shopId);
          if (outcome.status === 'ringing' && waiting && [...waiting].some((id) => id !== item.customerId)) {
            outcome = { status: 'busy', endReason: 'busy' };
          }
          toInsert.push({
            index,
            busyStaff: f.busyStaff,
            call: this.newCall(item.customerId, item.shopId, null, product, item, outcome),
          });
        }
      });
      const inserted = await this.repo.insert(
        toInsert.map((x) => x.call),
        this.config.ringTimeoutMs,
      );
      toInsert.forEach(({ index, busyStaff }, i) => {
        const record = inserted[i];
        results[index] = record ? { record, busyStaff } : liveCallConflict();
      });
    }
    return results;
  }

  private async startShopCall(
    user: AuthUser,
    request: Extract<CallRequest, { by: 'shop' }>,
  ): Promise<CallRecord> {
    const customer = await this.users.findOneBy({ id: request.customerId, role: 'customer' });
    if (!customer) throw new NotFoundException(`Customer ${request.customerId} not found`);
    let product: ProductSummary | null = null;
    if (request.productId) {
      const found = await this.products.findOrFail(request.productId);
      if (found.shopId !== request.shopId) {
        throw new ForbiddenException("You can only call about your own shop's products");
      }
      product = toProductSummary(found);
    }
    if (!(await this.repo.hasContacted(request.shopId, customer.id))) {
      throw new ForbiddenException('You can only call customers who have contacted your shop');
    }
    if (await this.repo.liveCallOf(user)) throw liveCallConflict();
    if (request.callbackRequestId) {
      await this.callbacks.assertCanCallBack(request.shopId, customer.id, request.callbackRequestId);
    }
    const online = await this.presence.isUserOnline(customer.id);
    const inCall = online && (await this.repo.customerInLiveCall(customer.id));
    const outcome = decideNewCall({
      available: online ? [customer.id] : [],
      busy: inCall ? [customer.id] : [],
    });
    const call = this.newCall(customer.id, request.shopId, user.id, product, request, outcome);
    let [record] = await this.repo.insert([call], this.config.ringTimeoutMs);
    // Not inserted: the customer started or received another call meanwhile.
    record ??= (
      await this.repo.insert([{ ...call, status: 'busy', endReason: 'busy' }], this.config.ringTimeoutMs)
    )[0];
    if (!record) throw liveCallConflict();
    if (request.callbackRequestId) await this.callbacks.linkCall(request.callbackRequestId, record.call.id);
    this.machine.announce(record, []);
    return record;
  }

  private newCall(
    customerId: string,
    shopId: string,
    staffId: string | null,
    product: ProductSummary | null,
    request: CallRequest,
    outcome: ReturnType<typeof decideNewCall>,
  ): NewCall {
    return {
      customerId,
      shopId,
      staffId,
      product,
      type: request.type,
      initiatedBy: request.by,
      status: outcome.status,
      endReason: outcome.endReason,
      callerDeviceId: request.deviceId,
    };
  }
}
