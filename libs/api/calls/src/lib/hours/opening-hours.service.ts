import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import {
  SHOP_CLOSED_MESSAGE,
  type OpeningHours,
  type OpeningHoursDto,
  type OpeningState,
} from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { openingHoursProblems, openingState } from './opening-hours';
import { ShopOpeningHours } from './shop-opening-hours.entity';

/** How long the call path trusts a schedule it read. */
const SCHEDULE_CACHE_MS = 5000;

const toHours = (row: ShopOpeningHours): OpeningHours => ({
  timeZone: row.timeZone,
  weekly: row.weekly,
  closures: row.closures,
});

/**
 * Shops' opening hours: the shop's staff set them, everyone reads them with where they stand
 * now, and a customer's call to a closed shop does not ring.
 */
@Injectable()
export class OpeningHoursService {
  /**
   * Schedules read for the call path, kept {@link SCHEDULE_CACHE_MS}: a customer's call is the
   * hot path (calls are recorded in batches), and a schedule changes rarely. A change made on
   * another instance applies here within that time.
   */
  private readonly schedules = new Map<string, { hours: OpeningHours | null; at: number }>();

  constructor(@InjectRepository(ShopOpeningHours) private readonly rows: Repository<ShopOpeningHours>) {}

  /** The schedule and whether the shop is open now; null when it set none (always open). */
  async get(shopId: string, now = new Date()): Promise<OpeningHoursDto | null> {
    const row = await this.rows.findOneBy({ shopId });
    if (!row) return null;
    const hours = toHours(row);
    return { ...hours, ...openingState(hours, now) };
  }

  /** Where each shop stands now (null for shops without hours), in one query. */
  async states(shopIds: string[], now = new Date()): Promise<Map<string, OpeningState>> {
    const rows = shopIds.length ? await this.rows.findBy({ shopId: In(shopIds) }) : [];
    return new Map(rows.map((r) => [r.shopId, openingState(toHours(r), now)]));
  }

  /** The shop's staff set its hours (replacing any); `400` names every problem. */
  async set(user: AuthUser, shopId: string, hours: OpeningHours): Promise<OpeningHoursDto> {
    this.assertStaff(user, shopId);
    const problems = openingHoursProblems(hours);
    if (problems.length) throw new BadRequestException(problems);
    const closures = [...new Set(hours.closures)].sort();
    await this.rows.upsert(
      { shopId, timeZone: hours.timeZone, weekly: hours.weekly, closures },
      { conflictPaths: ['shopId'] },
    );
    this.schedules.delete(shopId);
    return (await this.get(shopId)) as OpeningHoursDto;
  }

  /** Removes the schedule: the shop is always open again. */
  async clear(user: AuthUser, shopId: string): Promise<void> {
    this.assertStaff(user, shopId);
    await this.rows.delete({ shopId });
    this.schedules.delete(shopId);
  }

  /**
   * Of these shops, the ones closed now: a customer's call to one is refused before anything
   * rings or is recorded ({@link closedError}). One query for the schedules not read in the
   * last {@link SCHEDULE_CACHE_MS}.
   */
  async closedShops(shopIds: string[], now = new Date()): Promise<Set<string>> {
    const stale = [...new Set(shopIds)].filter((id) => {
      const cached = this.schedules.get(id);
      return !cached || now.getTime() - cached.at > SCHEDULE_CACHE_MS;
    });
    if (stale.length) {
      const rows = await this.rows.findBy({ shopId: In(stale) });
      for (const id of stale) {
        const row = rows.find((r) => r.shopId === id);
        this.schedules.set(id, { hours: row ? toHours(row) : null, at: now.getTime() });
      }
    }
    return new Set(
      shopIds.filter((id) => {
        const hours = this.schedules.get(id)?.hours;
        return hours && !openingState(hours, now).openNow;
      }),
    );
  }

  /** What a customer calling a closed shop is told. */
  closedError(): ConflictException {
    return new ConflictException(SHOP_CLOSED_MESSAGE);
  }

  private assertStaff(user: AuthUser, shopId: string): void {
    if (user.shopId !== shopId) throw new ForbiddenException("Only the shop's staff set its opening hours");
  }
}
