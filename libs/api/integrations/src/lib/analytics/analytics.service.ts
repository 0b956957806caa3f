import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@callshop/api/auth';
import {
  ANALYTICS_MAX_DAYS,
  type AnalyticsQuery,
  type CallEndReason,
  type ShopAnalytics,
} from '@callshop/contracts';
import {
  FEATURES_STATEMENT,
  figuresStatement,
  type FiguresRow,
  type AnalyticsFeatures,
  type AnalyticsScope,
  type CallbacksPerDayRow,
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
 * A shop's figures for a period of local days in an IANA zone, computed in PostgreSQL in one
 * statement (one snapshot, so every figure counts the same rows; one round trip). Only the
 * shop's staff read them.
 */
@Injectable()
export class ShopAnalyticsService {
  private features?: Promise<AnalyticsFeatures>;

  constructor(private readonly db: DataSource) {}

  async figures(user: AuthUser, query: AnalyticsQuery): Promise<ShopAnalytics> {
    if (!user.shopId) throw new ForbiddenException("Only a shop's staff read its figures");
    const scope = this.scope(user.shopId, query);
    const features = await this.detectFeatures();
    const statement = figuresStatement(scope, features);
    let row: FiguresRow;
    try {
      [row] = await this.db.query(statement.sql, statement.params);
    } catch (error) {
      // 22023: "time zone ... not recognized" (a name ICU knows and PostgreSQL does not).
      if ((error as { driverError?: { code?: string } }).driverError?.code === '22023')
        throw new BadRequestException(`timeZone ${scope.timeZone} is not known to the database`);
      throw error;
    }
    return this.shape(scope, features, row);
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

  private shape(scope: AnalyticsScope, features: AnalyticsFeatures, row: FiguresRow): ShopAnalytics {
    const perDay = row.calls_per_day;
    const answering = row.answering;
    const missed = row.missed_by_reason as { reason: CallEndReason; count: number }[];
    const hours = row.busiest_hours;
    const products = row.products;
    const staff = row.staff;
    const callbacks = row.callbacks_per_day;
    const { open_now } = row.open_callbacks;
    const bounds = { start: new Date(row.period.start), end: new Date(row.period.end) };

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
