import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { AuthUser } from '@callshop/api/auth';
import {
  ANALYTICS_MAX_DAYS,
  type AnalyticsQuery,
  type CallEndReason,
  type ShopAnalytics,
} from '@callshop/contracts';
import type { Statement } from '../exports/export-queries';
import {
  analyticsStatements,
  FEATURES_STATEMENT,
  periodStatement,
  type AnalyticsFeatures,
  type AnalyticsScope,
  type AnsweringRow,
  type CallbacksPerDayRow,
  type CallsPerDayRow,
  type HourRow,
  type ProductRow,
  type StaffRow,
} from './analytics-queries';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as a UTC midnight, or null when that day does not exist (2026-02-30). */
function parseDay(day: string): number | null {
  const [y, m, d] = day.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d);
  return new Date(t).toISOString().slice(0, 10) === day ? t : null;
}

/** Today's date in a zone, `YYYY-MM-DD`. */
function today(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/**
 * A shop's figures for a period of local days in an IANA zone, computed in PostgreSQL (one
 * statement per figure group, all in one read-only REPEATABLE READ transaction, so every
 * figure counts the same rows). Only the shop's staff read them.
 */
@Injectable()
export class ShopAnalyticsService {
  private features?: Promise<AnalyticsFeatures>;

  constructor(private readonly db: DataSource) {}

  async figures(user: AuthUser, query: AnalyticsQuery): Promise<ShopAnalytics> {
    if (!user.shopId) throw new ForbiddenException("Only a shop's staff read its figures");
    const scope = this.scope(user.shopId, query);
    const features = await this.detectFeatures();
    const runner = this.db.createQueryRunner('slave');
    try {
      await runner.connect();
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await this.compute(runner, scope, features);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      // 22023: "time zone ... not recognized" (a name ICU knows and PostgreSQL does not).
      if ((error as { driverError?: { code?: string } }).driverError?.code === '22023')
        throw new BadRequestException(`timeZone ${scope.timeZone} is not known to the database`);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Checks and completes the period: real days, `from` ≤ `to`, at most ANALYTICS_MAX_DAYS. */
  scope(shopId: string, q: AnalyticsQuery): AnalyticsScope {
    const timeZone = q.timeZone ?? 'UTC';
    const to = q.to ?? today(timeZone);
    const toMs = parseDay(to);
    if (toMs === null) throw new BadRequestException(`to: ${to} is not a day of the calendar`);
    const from = q.from ?? new Date(toMs - 29 * DAY_MS).toISOString().slice(0, 10);
    const fromMs = parseDay(from);
    if (fromMs === null) throw new BadRequestException(`from: ${from} is not a day of the calendar`);
    if (fromMs > toMs) throw new BadRequestException(`from (${from}) must not be after to (${to})`);
    const days = (toMs - fromMs) / DAY_MS + 1;
    if (days > ANALYTICS_MAX_DAYS)
      throw new BadRequestException(
        `The period from ${from} to ${to} has ${days} days; at most ${ANALYTICS_MAX_DAYS} are allowed`,
      );
    return { shopId, from, to, timeZone };
  }

  private async compute(
    runner: QueryRunner,
    scope: AnalyticsScope,
    features: AnalyticsFeatures,
  ): Promise<ShopAnalytics> {
    const run = <R>(s: Statement) => runner.query(s.sql, s.params) as Promise<R[]>;
    const st = analyticsStatements(scope, features);
    const [bounds] = await run<{ start: Date; end: Date }>(periodStatement(scope));
    const perDay = await run<CallsPerDayRow>(st.callsPerDay);
    const [answering] = await run<AnsweringRow>(st.answering);
    const missed = await run<{ reason: CallEndReason; count: number }>(st.missedByReason);
    const hours = await run<HourRow>(st.busiestHours);
    const products = await run<ProductRow>(st.products);
    const staff = await run<StaffRow>(st.staff);
    const callbacks = await run<CallbacksPerDayRow>(st.callbacksPerDay);
    const [{ open_now }] = await run<{ open_now: number }>(st.openCallbacks);

    const busiestHours = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    for (const h of hours) busiestHours[h.dow - 1][h.hour] = h.count;
    const sum = (rows: CallbacksPerDayRow[], key: 'opened' | 'closed' | 'cancelled') =>
      rows.reduce((n, r) => n + r[key], 0);
    const notes: string[] = [];
    if (!features.assistedOrders)
      notes.push('Orders are not linked to the calls that led to them here: assisted orders count 0.');
    if (!features.ratings) notes.push('Calls are not rated here: staff ratings are empty.');

    return {
      period: {
        from: scope.from,
        to: scope.to,
        timeZone: scope.timeZone,
        days: perDay.length,
        start: bounds.start.toISOString(),
        end: bounds.end.toISOString(),
      },
      callsPerDay: perDay.map((d) => ({
        ...d,
        total: d.ended + d.failed + d.missed + d.declined + d.busy + d.cancelled + d.live,
      })),
      answerRate: {
        incoming: answering.incoming,
        answered: answering.answered,
        rate: answering.incoming ? answering.answered / answering.incoming : null,
      },
      timeToAnswer: {
        answered: answering.answered,
        medianSeconds: answering.median_seconds,
        p90Seconds: answering.p90_seconds,
      },
      missedByReason: missed,
      busiestHours,
      products: products.map((p) => ({
        productId: p.product_id,
        name: p.name,
        calls: p.calls,
        orders: p.orders,
        assistedOrders: p.assisted_orders,
        revenue: Number(p.revenue),
        assistedRevenue: Number(p.assisted_revenue),
        currency: p.currency?.trim() ?? null,
      })),
      staff: staff.map((s) => ({
        staffId: s.staff_id,
        name: s.name,
        callsTaken: s.calls_taken,
        callsPlaced: s.calls_placed,
        averageTalkSeconds: s.average_talk_seconds,
        averageRating: s.average_rating,
      })),
      callbacks: {
        opened: sum(callbacks, 'opened'),
        closed: sum(callbacks, 'closed'),
        cancelled: sum(callbacks, 'cancelled'),
        openNow: open_now,
        perDay: callbacks.map(({ date, opened, closed }) => ({ date, opened, closed })),
      },
      notes,
    };
  }

  /** Which tables and columns other features add (by migration) exist here, asked once. */
  private detectFeatures(): Promise<AnalyticsFeatures> {
    this.features ??= this.db
      .query(FEATURES_STATEMENT.sql, FEATURES_STATEMENT.params)
      .then(([row]: AnalyticsFeatures[]) => row)
      .catch((error: unknown) => {
        this.features = undefined;
        throw error;
      });
    return this.features;
  }
}
