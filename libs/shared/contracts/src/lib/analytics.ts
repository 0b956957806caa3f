import type { CallEndReason } from './calls';

/**
 * How a call turned out, as the analytics count it: the final statuses, and `live` for a call
 * still ringing or in progress when the figures were taken.
 */
export type CallOutcome = 'ended' | 'failed' | 'missed' | 'declined' | 'busy' | 'cancelled' | 'live';
export const CALL_OUTCOMES: readonly CallOutcome[] = [
  'ended',
  'failed',
  'missed',
  'declined',
  'busy',
  'cancelled',
  'live',
] as const;

/** The longest period one request may cover, in days. */
export const ANALYTICS_MAX_DAYS = 366;

/** `GET /analytics`: local calendar days `from`..`to` (both included) in `timeZone`. */
export interface AnalyticsQuery {
  /** First day, `YYYY-MM-DD`; default 29 days before `to`. */
  from?: string;
  /** Last day (included), `YYYY-MM-DD`; default today in `timeZone`. */
  to?: string;
  /** IANA time zone the days and hours are counted in; default `UTC`. */
  timeZone?: string;
}

export interface AnalyticsPeriod {
  from: string;
  to: string;
  timeZone: string;
  days: number;
  /** The period's first and last instant (end exclusive), ISO 8601 in UTC. */
  start: string;
  end: string;
}

/** Calls of one local day, by outcome (both directions). */
export type CallsPerDay = { date: string; total: number } & Record<CallOutcome, number>;

/** Incoming calls (placed by customers) that have stopped ringing, and how many were answered. */
export interface AnswerRate {
  incoming: number;
  answered: number;
  /** answered / incoming, 0..1; null without incoming calls. */
  rate: number | null;
}

/** Ring time of the answered incoming calls, in seconds (continuous percentiles). */
export interface TimeToAnswer {
  answered: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** Incoming calls nobody answered, by why the ringing stopped. */
export interface MissedReason {
  reason: CallEndReason;
  count: number;
}

/** Calls, orders and revenue of one product. Money in minor units of `currency`. */
export interface ProductFigures {
  productId: string;
  name: string;
  calls: number;
  /** Orders (not cancelled) holding the product. */
  orders: number;
  /** Of those, orders assisted by a call (see `ORDER_ASSIST_WINDOW_HOURS`). */
  assistedOrders: number;
  revenue: number;
  assistedRevenue: number;
  /** Null for a product with calls and no orders in the period. */
  currency: string | null;
}

/** One staff member's calls. */
export interface StaffFigures {
  staffId: string;
  name: string;
  /** Incoming calls this person answered. */
  callsTaken: number;
  /** Calls this person placed to customers. */
  callsPlaced: number;
  /** Mean talk time of their connected calls (both directions), seconds. */
  averageTalkSeconds: number | null;
  /** Mean rating of their calls; null when no call was rated or ratings are not recorded. */
  averageRating: number | null;
}

export interface CallbackFigures {
  /** Requests made in the period. */
  opened: number;
  /** Requests the shop closed in the period (called back or marked done). */
  closed: number;
  /** Requests the customer withdrew in the period. */
  cancelled: number;
  /** Requests open now, made at any time. */
  openNow: number;
  perDay: { date: string; opened: number; closed: number }[];
}

/** Every figure of a shop for one period (`GET /analytics`). */
export interface ShopAnalytics {
  period: AnalyticsPeriod;
  callsPerDay: CallsPerDay[];
  answerRate: AnswerRate;
  timeToAnswer: TimeToAnswer;
  missedByReason: MissedReason[];
  /**
   * Incoming calls by local weekday and hour: 7 rows (Monday first) of 24 counts (hour 0 first).
   */
  busiestHours: number[][];
  products: ProductFigures[];
  staff: StaffFigures[];
  callbacks: CallbackFigures;
  /** What the figures cannot count on this server (e.g. no call ratings recorded). */
  notes: string[];
}
