import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, Repository } from 'typeorm';
import {
  APPOINTMENT_JOIN_EARLY_MINUTES,
  APPOINTMENT_TRANSITIONS,
  DEFAULT_APPOINTMENT_SETTINGS,
  type AppointmentDto,
  type AppointmentSettings,
  type AppointmentSlotsDto,
  type AppointmentStatus,
  type BookAppointmentRequest,
} from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { ProductsService, toProductSummary } from '@callshop/api/products';
import { ShopBlocks } from '../blocking/shop-blocks.service';
import { OpeningHoursService } from '../hours/opening-hours.service';
import { CallStarter, type AppointmentCalls } from '../lifecycle/call-starter.service';
import { rooms } from '../presence/rooms';
import { CallsNamespace } from '../signaling/calls-namespace';
import { ShopAppointmentSettings } from './appointment-settings.entity';
import {
  appointmentSelect,
  changeDeadline,
  toAppointmentDto,
  type AppointmentRow,
} from './appointment.mapper';
import { ALWAYS_OPEN, slotAt, slotsBetween, type SlotTime } from './slots';

/** Slots are offered and booked this far ahead at most. */
export const BOOKING_HORIZON_DAYS = 180;
/** Upcoming appointments one customer may hold with one shop (so nobody books a shop's week). */
export const MAX_UPCOMING_PER_SHOP = 3;
/** One `GET .../appointment-slots` covers at most this many days. */
const MAX_RANGE_DAYS = 31;

const SELECT = appointmentSelect(DEFAULT_APPOINTMENT_SETTINGS);

/** Statuses allowed to reach `to` (the transitions table read backwards). */
const from = (to: AppointmentStatus): AppointmentStatus[] =>
  (Object.keys(APPOINTMENT_TRANSITIONS) as AppointmentStatus[]).filter((s) =>
    APPOINTMENT_TRANSITIONS[s].includes(to),
  );

/** Who reschedules, jobs and pushes listen to: an appointment changed (booked, moved, ended). */
export type AppointmentChange = 'booked' | 'rescheduled' | 'cancelled' | 'completed' | 'no_show' | 'joined';

/** What follows a change: scheduling jobs, pushes. Set by {@link AppointmentJobs}. */
export interface AppointmentChangeListener {
  onAppointmentChanged(appointment: AppointmentDto, change: AppointmentChange): Promise<void>;
}

/**
 * Booked video appointments: free slots within a shop's opening hours, booking with the shop's
 * capacity enforced under concurrency, rescheduling and cancelling within the shop's rules, the
 * calendar file, and the link to the call the customer starts at the time.
 *
 * Every status change is one conditional `UPDATE ... WHERE status = ANY(<allowed>)`, so a
 * cancel, a no-show job and a connecting call racing each other change it once.
 */
@Injectable()
export class AppointmentsService implements AppointmentCalls {
  private readonly logger = new Logger('Appointments');
  private listener: AppointmentChangeListener | null = null;

  constructor(
    private readonly db: DataSource,
    @InjectRepository(ShopAppointmentSettings)
    private readonly settingsRows: Repository<ShopAppointmentSettings>,
    private readonly hours: OpeningHoursService,
    private readonly products: ProductsService,
    private readonly calls: CallsNamespace,
    private readonly blocks: ShopBlocks,
    starter: CallStarter,
  ) {
    starter.useAppointments(this);
  }

  /** The job scheduler registers itself here (it depends on this service, not the other way round). */
  listen(listener: AppointmentChangeListener): void {
    this.listener = listener;
  }

  // ---- settings ----

  async settings(shopId: string): Promise<AppointmentSettings> {
    await this.assertShop(shopId);
    return this.settingsOf(shopId);
  }

  async setSettings(
    user: AuthUser,
    shopId: string,
    settings: AppointmentSettings,
  ): Promise<AppointmentSettings> {
    this.assertStaff(user, shopId, "Only the shop's staff set its appointment rules");
    await this.settingsRows.upsert({ shopId, ...settings }, { conflictPaths: ['shopId'] });
    return this.settingsOf(shopId);
  }

  private async settingsOf(shopId: string, manager?: EntityManager): Promise<AppointmentSettings> {
    const repo = manager ? manager.getRepository(ShopAppointmentSettings) : this.settingsRows;
    const row = await repo.findOneBy({ shopId });
    if (!row) return { ...DEFAULT_APPOINTMENT_SETTINGS };
    return {
      slotMinutes: row.slotMinutes,
      bufferMinutes: row.bufferMinutes,
      capacity: row.capacity,
      reminderLeadMinutes: row.reminderLeadMinutes,
      changeCutoffMinutes: row.changeCutoffMinutes,
    };
  }

  // ---- slots ----

  /** Free slots starting in [from, to) (from defaults to now, to to a week later), in UTC. */
  async freeSlots(
    shopId: string,
    fromIso?: string,
    toIso?: string,
    now = new Date(),
  ): Promise<AppointmentSlotsDto> {
    await this.assertShop(shopId);
    const start = fromIso ? new Date(fromIso) : now;
    const end = toIso ? new Date(toIso) : new Date(start.getTime() + 7 * 86_400_000);
    if (end <= start) throw new BadRequestException('to must be after from');
    if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new BadRequestException(`from and to may be at most ${MAX_RANGE_DAYS} days apart`);
    }
    const horizon = new Date(now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000);
    const settings = await this.settingsOf(shopId);
    const hours = (await this.hours.get(shopId)) ?? ALWAYS_OPEN;
    const after = new Date(Math.max(start.getTime(), now.getTime() + 1));
    const before = new Date(Math.min(end.getTime(), horizon.getTime()));
    const candidates = after < before ? slotsBetween(hours, settings, after, before) : [];
    const taken = candidates.length
      ? await this.db.query<{ starts_at: Date; occupied_until: Date }[]>(
          `SELECT starts_at, occupied_until FROM appointments
           WHERE shop_id = $1 AND status = 'booked' AND starts_at < $3 AND occupied_until > $2`,
          [shopId, candidates[0].startsAt, this.occupiedUntil(candidates[candidates.length - 1], settings)],
        )
      : [];
    const slots = candidates
      .map((slot) => {
        const until = this.occupiedUntil(slot, settings);
        const used = taken.filter(
          (t) => new Date(t.starts_at) < until && new Date(t.occupied_until) > slot.startsAt,
        ).length;
        return {
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          free: Math.max(0, settings.capacity - used),
        };
      })
      .filter((s) => s.free > 0);
    return { timeZone: hours.timeZone, slotMinutes: settings.slotMinutes, slots };
  }

  private occupiedUntil(slot: SlotTime, settings: AppointmentSettings): Date {
    return new Date(slot.endsAt.getTime() + settings.bufferMinutes * 60_000);
  }

  // ---- booking ----

  async book(user: AuthUser, body: BookAppointmentRequest, now = new Date()): Promise<AppointmentDto> {
    if (user.role !== 'customer') throw new ForbiddenException('Only customers book appointments');
    const product = await this.products.findOrFail(body.productId);
    await this.assertShop(body.shopId);
    if (product.shopId !== body.shopId) {
      throw new BadRequestException(`Product ${product.id} is not sold by shop ${body.shopId}`);
    }
    await this.blocks.assertMayContact(user.id, body.shopId);
    const startsAt = new Date(body.startsAt);
    const id = await this.db.transaction(async (m) => {
      await this.lock(m, user.id, body.shopId);
      const { slot, settings } = await this.checkSlot(m, body.shopId, startsAt, now);
      await this.assertFree(m, body.shopId, user.id, slot, settings, null);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO appointments (shop_id, customer_id, product_id, product, starts_at, ends_at, occupied_until, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          body.shopId,
          user.id,
          product.id,
          JSON.stringify(toProductSummary(product)),
          slot.startsAt,
          slot.endsAt,
          this.occupiedUntil(slot, settings),
          body.note?.trim() || null,
        ],
      );
      return row.id;
    });
    const dto = await this.dto(id);
    await this.changed(dto, 'booked');
    return dto;
  }

  /** The customer moves it to another free slot, before the shop's cutoff. */
  async reschedule(
    user: AuthUser,
    id: string,
    startsAtIso: string,
    now = new Date(),
  ): Promise<AppointmentDto> {
    const current = await this.row(user, id);
    if (user.role !== 'customer') {
      throw new ForbiddenException('Only the customer reschedules: the shop cancels with a reason instead');
    }
    this.assertChangeable(current, now);
    const startsAt = new Date(startsAtIso);
    if (startsAt.getTime() === new Date(current.starts_at).getTime()) {
      throw new BadRequestException('The appointment is already at that time');
    }
    await this.db.transaction(async (m) => {
      await this.lock(m, current.customer_id, current.shop_id);
      const { slot, settings } = await this.checkSlot(m, current.shop_id, startsAt, now);
      await this.assertFree(m, current.shop_id, current.customer_id, slot, settings, id);
      // An UPDATE answers [rows, count].
      const [updated]: [unknown[], number] = await m.query(
        `UPDATE appointments
         SET starts_at = $2, ends_at = $3, occupied_until = $4, reschedule_count = reschedule_count + 1,
             reminded_for = NULL, updated_at = now()
         WHERE id = $1 AND status = 'booked' AND starts_at = $5 RETURNING id`,
        [id, slot.startsAt, slot.endsAt, this.occupiedUntil(slot, settings), current.starts_at],
      );
      if (updated.length === 0) throw new ConflictException('The appointment changed meanwhile: reload it');
    });
    const dto = await this.dto(id);
    await this.changed(dto, 'rescheduled');
    return dto;
  }

  /**
   * Either side cancels a booked appointment: the customer before the shop's cutoff, the shop's
   * staff until it ends, giving a reason.
   */
  async cancel(
    user: AuthUser,
    id: string,
    reason: string | undefined,
    now = new Date(),
  ): Promise<AppointmentDto> {
    const current = await this.row(user, id);
    const bySide = user.role === 'customer' ? 'customer' : 'shop';
    const why = reason?.trim() || null;
    if (bySide === 'customer') this.assertChangeable(current, now);
    else {
      if (!why) throw new BadRequestException('reason is required when the shop cancels an appointment');
      this.assertBooked(current);
      if (new Date(current.ends_at) <= now) throw new ConflictException('The appointment is already over');
    }
    const updated = await this.transition(id, 'cancelled', { cancelled_by: bySide, cancel_reason: why });
    if (!updated) throw new ConflictException(`The appointment is already ${(await this.dto(id)).status}`);
    await this.changed(updated, 'cancelled');
    return updated;
  }

  async get(user: AuthUser, id: string): Promise<AppointmentDto> {
    return toAppointmentDto(await this.row(user, id));
  }

  /** The customer's appointments, or the shop's for its staff: upcoming (booked, not over) or past. */
  async list(user: AuthUser, when: 'upcoming' | 'past', now = new Date()): Promise<AppointmentDto[]> {
    const party = user.role === 'customer' ? 'a.customer_id = $1' : 'a.shop_id = $1';
    const partyId = user.role === 'customer' ? user.id : user.shopId;
    if (!partyId) throw new ForbiddenException('Only customers and shop staff have appointments');
    const rows: AppointmentRow[] =
      when === 'upcoming'
        ? await this.db.query(
            `${SELECT} WHERE ${party} AND a.status = 'booked' AND a.ends_at > $2 ORDER BY a.starts_at LIMIT 200`,
            [partyId, now],
          )
        : await this.db.query(
            `${SELECT} WHERE ${party} AND (a.status <> 'booked' OR a.ends_at <= $2)
             ORDER BY a.starts_at DESC LIMIT 100`,
            [partyId, now],
          );
    return rows.map((r) => toAppointmentDto(r, now));
  }

  // ---- the call at the time ----

  /**
   * The customer may start the appointment's call now: it is theirs, with this shop, still
   * booked, and the time is within its window (from {@link APPOINTMENT_JOIN_EARLY_MINUTES}
   * before the start until its end).
   */
  async assertJoinable(customerId: string, shopId: string, id: string, now = new Date()): Promise<void> {
    const [row]: AppointmentRow[] = await this.db.query(`${SELECT} WHERE a.id = $1`, [id]);
    if (!row || row.customer_id !== customerId) throw new NotFoundException(`Appointment ${id} not found`);
    if (row.shop_id !== shopId) throw new BadRequestException(`Appointment ${id} is with another shop`);
    this.assertBooked(row);
    const opens = new Date(new Date(row.starts_at).getTime() - APPOINTMENT_JOIN_EARLY_MINUTES * 60_000);
    if (now < opens) {
      throw new ConflictException(
        `The appointment can be joined from ${APPOINTMENT_JOIN_EARLY_MINUTES} minutes before it starts (${opens.toISOString()})`,
      );
    }
    if (now >= new Date(row.ends_at)) throw new ConflictException('The appointment is already over');
  }

  /** The call started for it: linked both ways, and the customer recorded as joined. */
  async linkCall(id: string, callId: string): Promise<{ id: string; startsAt: string } | null> {
    const [rows]: [{ id: string; starts_at: Date }[], number] = await this.db.query(
      `UPDATE appointments SET call_id = $2, joined_at = coalesce(joined_at, now()), updated_at = now()
       WHERE id = $1 AND status = 'booked' RETURNING id, starts_at`,
      [id, callId],
    );
    const row = rows[0];
    if (!row) return null;
    await this.changed(await this.dto(id), 'joined');
    return { id: row.id, startsAt: new Date(row.starts_at).toISOString() };
  }

  /** Its call connected: the appointment took place. */
  async completeByCall(callId: string): Promise<void> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM appointments WHERE call_id = $1`, [
      callId,
    ]);
    if (!rows[0]) return;
    const updated = await this.transition(rows[0].id, 'completed');
    if (updated) await this.changed(updated, 'completed');
  }

  /**
   * The no-show check for the start it was scheduled for: still booked at its end (no call
   * connected), the appointment becomes `no_show`. A stale job (moved, cancelled, completed)
   * changes nothing.
   */
  async markNoShow(id: string, scheduledFor: string): Promise<AppointmentDto | null> {
    const updated = await this.transition(id, 'no_show', {}, scheduledFor);
    if (updated) await this.changed(updated, 'no_show');
    return updated;
  }

  /**
   * Claims the reminder for the start it was scheduled for, once: null when it is stale or
   * was already sent (another instance, or a retry).
   */
  async claimReminder(id: string, scheduledFor: string): Promise<AppointmentRow | null> {
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE appointments SET reminded_for = starts_at
       WHERE id = $1 AND status = 'booked' AND starts_at = $2 AND reminded_for IS DISTINCT FROM starts_at
       RETURNING id`,
      [id, new Date(scheduledFor)],
    );
    if (!rows[0]) return null;
    const [row]: AppointmentRow[] = await this.db.query(`${SELECT} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  /** Pushes a change to the customer's and the shop's devices. */
  push(event: 'appointment:updated' | 'appointment:reminder', appointment: AppointmentDto): void {
    this.calls.server
      ?.to([rooms.user(appointment.customer.id), rooms.shop(appointment.shop.id)])
      .emit(event, { appointment });
  }

  // ---- internals ----

  /** One status change, applied only from a status the transitions table allows (and the expected start). */
  private async transition(
    id: string,
    to: AppointmentStatus,
    set: { cancelled_by?: string; cancel_reason?: string | null } = {},
    startsAt?: string,
  ): Promise<AppointmentDto | null> {
    const params: unknown[] = [id, to, from(to), set.cancelled_by ?? null, set.cancel_reason ?? null];
    let where = 'id = $1 AND status = ANY($3)';
    if (startsAt) {
      params.push(new Date(startsAt));
      where += ` AND starts_at = $${params.length}`;
    }
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE appointments SET status = $2, cancelled_by = coalesce($4, cancelled_by),
              cancel_reason = coalesce($5, cancel_reason), updated_at = now()
       WHERE ${where} AND status <> $2 RETURNING id`,
      params,
    );
    return rows[0] ? this.dto(id) : null;
  }

  private async changed(dto: AppointmentDto, change: AppointmentChange): Promise<void> {
    this.push('appointment:updated', dto);
    try {
      await this.listener?.onAppointmentChanged(dto, change);
    } catch (error) {
      // The change is committed; its reminder and no-show check could not be queued.
      this.logger.error(`Queueing the jobs of appointment ${dto.id}: ${(error as Error).message}`);
    }
  }

  async dto(id: string): Promise<AppointmentDto> {
    const [row]: AppointmentRow[] = await this.db.query(`${SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw new NotFoundException(`Appointment ${id} not found`);
    return toAppointmentDto(row);
  }

  /** The row, for one of its two parties; anyone else gets the same 404 as for a missing one. */
  private async row(user: AuthUser, id: string): Promise<AppointmentRow> {
    const [row]: AppointmentRow[] = await this.db.query(`${SELECT} WHERE a.id = $1`, [id]);
    const party =
      row && (row.customer_id === user.id || (user.shopId !== null && row.shop_id === user.shopId));
    if (!row || !party) throw new NotFoundException(`Appointment ${id} not found`);
    return row;
  }

  /**
   * Serialises bookings of this customer and of this shop: the customer's lock first, then the
   * shop's (always in that order, so two bookings cannot wait on each other).
   */
  private async lock(m: EntityManager, customerId: string, shopId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('appointments:customer:' || $1, 0))`, [
      customerId,
    ]);
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('appointments:shop:' || $1, 0))`, [shopId]);
  }

  private async checkSlot(
    m: EntityManager,
    shopId: string,
    startsAt: Date,
    now: Date,
  ): Promise<{ slot: SlotTime; settings: AppointmentSettings }> {
    const settings = await this.settingsOf(shopId, m);
    const hours = (await this.hours.get(shopId)) ?? ALWAYS_OPEN;
    const slot = slotAt(hours, settings, startsAt);
    if (!slot) {
      throw new BadRequestException(
        `startsAt ${startsAt.toISOString()} is not the start of one of this shop's slots: pick one from GET /api/v2/shops/${shopId}/appointment-slots`,
      );
    }
    if (slot.startsAt <= now)
      throw new BadRequestException('That slot has already started: pick a later one');
    if (slot.startsAt.getTime() > now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000) {
      throw new BadRequestException(`Appointments can be booked up to ${BOOKING_HORIZON_DAYS} days ahead`);
    }
    return { slot, settings };
  }

  /** Within the locks: a place is left in the slot, and the customer has nothing else then. */
  private async assertFree(
    m: EntityManager,
    shopId: string,
    customerId: string,
    slot: SlotTime,
    settings: AppointmentSettings,
    except: string | null,
  ): Promise<void> {
    const until = this.occupiedUntil(slot, settings);
    const [{ taken, mine, upcoming }]: { taken: number; mine: number; upcoming: number }[] = await m.query(
      `SELECT count(*) FILTER (WHERE shop_id = $1 AND starts_at < $3 AND occupied_until > $2)::int AS taken,
              count(*) FILTER (WHERE customer_id = $4 AND starts_at < $5 AND ends_at > $2)::int AS mine,
              count(*) FILTER (WHERE customer_id = $4 AND shop_id = $1 AND ends_at > now())::int AS upcoming
       FROM appointments
       WHERE status = 'booked' AND (shop_id = $1 OR customer_id = $4) AND ($6::uuid IS NULL OR id <> $6)`,
      [shopId, slot.startsAt, until, customerId, slot.endsAt, except],
    );
    if (mine > 0) throw new ConflictException('You already have an appointment at that time');
    if (upcoming >= MAX_UPCOMING_PER_SHOP) {
      throw new ConflictException(
        `You have ${MAX_UPCOMING_PER_SHOP} upcoming appointments with this shop already: cancel one to book another`,
      );
    }
    if (taken >= settings.capacity) {
      const zone = (await this.hours.get(shopId))?.timeZone ?? 'UTC';
      const local = DateTime.fromJSDate(slot.startsAt).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
      throw new ConflictException(
        `The slot at ${local} (${zone}, ${slot.startsAt.toISOString()}) is fully booked: pick another`,
      );
    }
  }

  private assertBooked(row: Pick<AppointmentRow, 'status'>): void {
    if (row.status !== 'booked') throw new ConflictException(`The appointment is already ${row.status}`);
  }

  private assertChangeable(row: AppointmentRow, now: Date): void {
    this.assertBooked(row);
    if (now >= changeDeadline(row)) {
      throw new ConflictException(
        `Appointments with this shop can be changed up to ${row.change_cutoff_minutes} minutes before they start`,
      );
    }
  }

  private async assertShop(shopId: string): Promise<void> {
    const [shop] = await this.db.query(`SELECT 1 FROM shops WHERE id = $1`, [shopId]);
    if (!shop) throw new NotFoundException(`Shop ${shopId} not found`);
  }

  private assertStaff(user: AuthUser, shopId: string, message: string): void {
    if (user.shopId !== shopId) throw new ForbiddenException(message);
  }
}
