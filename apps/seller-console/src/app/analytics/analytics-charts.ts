import type { ChartConfiguration } from 'chart.js';
import { formatDuration, formatMoney } from '@callshop/web/ui';
import { CALL_OUTCOMES, type CallEndReason, type CallOutcome, type ShopAnalytics } from '@callshop/contracts';

/** A chart's numbers as a table: what screen readers read and "Show as table" shows. */
export interface FigureTable {
  columns: string[];
  rows: (string | number)[][];
}

/** One chart of the page: a Chart.js configuration and the same numbers as a table. */
export interface ChartFigure {
  chart: ChartConfiguration;
  table: FigureTable;
}

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  ended: 'Talked',
  failed: 'Failed to connect',
  missed: 'Missed',
  declined: 'Declined',
  busy: 'Busy',
  cancelled: 'Caller gave up',
  live: 'In progress',
};

/** Colours with enough contrast against white and against each other (Okabe-Ito). */
const OUTCOME_COLOURS: Record<CallOutcome, string> = {
  ended: '#009E73',
  failed: '#D55E00',
  missed: '#E69F00',
  declined: '#CC79A7',
  busy: '#56B4E9',
  cancelled: '#999999',
  live: '#0072B2',
};

export const MISSED_REASON_LABELS: Record<CallEndReason, string> = {
  timeout: 'Nobody answered in time',
  offline: 'Nobody was online',
  declined: 'Declined',
  busy: 'All staff busy',
  cancelled: 'Caller gave up',
  hangup: 'Hung up',
  connection_lost: 'Connection lost',
  media_failed: 'Failed to connect',
  error: 'Error',
};

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const COMMON: ChartConfiguration['options'] = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
};

/** `2026-03-28` as `28 Mar` (the day is a calendar day, so read in UTC). */
function shortDay(day: string, locale: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** Calls per day, stacked by outcome; outcomes nobody had are left out. */
export function callsPerDayFigure(a: ShopAnalytics, locale = 'en-US'): ChartFigure {
  const outcomes = CALL_OUTCOMES.filter((o) => a.callsPerDay.some((d) => d[o] > 0));
  const shown = outcomes.length ? outcomes : (['ended'] as CallOutcome[]);
  return {
    chart: {
      type: 'bar',
      data: {
        labels: a.callsPerDay.map((d) => shortDay(d.date, locale)),
        datasets: shown.map((o) => ({
          label: OUTCOME_LABELS[o],
          data: a.callsPerDay.map((d) => d[o]),
          backgroundColor: OUTCOME_COLOURS[o],
          stack: 'calls',
        })),
      },
      options: {
        ...COMMON,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    },
    table: {
      columns: ['Day', ...shown.map((o) => OUTCOME_LABELS[o]), 'Total'],
      rows: a.callsPerDay.map((d) => [d.date, ...shown.map((o) => d[o]), d.total]),
    },
  };
}

/** Answered vs. unanswered incoming calls, and the ring time before an answer. */
export function answeringFigure(a: ShopAnalytics): ChartFigure {
  const { incoming, answered, rate } = a.answerRate;
  const t = a.timeToAnswer;
  const seconds = (s: number | null) => (s === null ? '–' : `${s.toFixed(1)} s`);
  return {
    chart: {
      type: 'doughnut',
      data: {
        labels: ['Answered', 'Not answered'],
        datasets: [{ data: [answered, incoming - answered], backgroundColor: ['#009E73', '#E69F00'] }],
      },
      options: { ...COMMON },
    },
    table: {
      columns: ['Figure', 'Value'],
      rows: [
        ['Incoming calls', incoming],
        ['Answered', answered],
        ['Answer rate', rate === null ? '–' : `${(rate * 100).toFixed(1)} %`],
        ['Time to answer, median', seconds(t.medianSeconds)],
        ['Time to answer, 90th percentile', seconds(t.p90Seconds)],
      ],
    },
  };
}

export function missedFigure(a: ShopAnalytics): ChartFigure {
  const labels = a.missedByReason.map((m) => MISSED_REASON_LABELS[m.reason] ?? m.reason);
  return {
    chart: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'Missed calls', data: a.missedByReason.map((m) => m.count), backgroundColor: '#E69F00' },
        ],
      },
      options: {
        ...COMMON,
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    },
    table: { columns: ['Reason', 'Calls'], rows: a.missedByReason.map((m, i) => [labels[i], m.count]) },
  };
}

/** The ten products with the most calls: calls and assisted orders; revenue in the table. */
export function productsFigure(a: ShopAnalytics, locale = 'en-US'): ChartFigure {
  const top = a.products.slice(0, 10);
  const money = (minor: number, currency: string | null) =>
    currency ? formatMoney(minor, currency, locale) : '–';
  return {
    chart: {
      type: 'bar',
      data: {
        labels: top.map((p) => p.name),
        datasets: [
          { label: 'Calls', data: top.map((p) => p.calls), backgroundColor: '#0072B2' },
          { label: 'Orders', data: top.map((p) => p.orders), backgroundColor: '#56B4E9' },
          { label: 'Assisted orders', data: top.map((p) => p.assistedOrders), backgroundColor: '#009E73' },
        ],
      },
      options: { ...COMMON, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    },
    table: {
      columns: ['Product', 'Calls', 'Orders', 'Assisted orders', 'Revenue', 'Assisted revenue'],
      rows: a.products.map((p) => [
        p.name,
        p.calls,
        p.orders,
        p.assistedOrders,
        money(p.revenue, p.currency),
        money(p.assistedRevenue, p.currency),
      ]),
    },
  };
}

export function staffFigure(a: ShopAnalytics): ChartFigure {
  return {
    chart: {
      type: 'bar',
      data: {
        labels: a.staff.map((s) => s.name),
        datasets: [
          { label: 'Calls taken', data: a.staff.map((s) => s.callsTaken), backgroundColor: '#0072B2' },
          { label: 'Calls placed', data: a.staff.map((s) => s.callsPlaced), backgroundColor: '#CC79A7' },
        ],
      },
      options: { ...COMMON, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    },
    table: {
      columns: ['Staff member', 'Calls taken', 'Calls placed', 'Average talk time', 'Average rating'],
      rows: a.staff.map((s) => [
        s.name,
        s.callsTaken,
        s.callsPlaced,
        s.averageTalkSeconds === null ? '–' : formatDuration(Math.round(s.averageTalkSeconds)),
        s.averageRating === null ? '–' : s.averageRating.toFixed(1),
      ]),
    },
  };
}

export function callbacksFigure(a: ShopAnalytics, locale = 'en-US'): ChartFigure {
  const days = a.callbacks.perDay;
  return {
    chart: {
      type: 'line',
      data: {
        labels: days.map((d) => shortDay(d.date, locale)),
        datasets: [
          {
            label: 'Requested',
            data: days.map((d) => d.opened),
            borderColor: '#E69F00',
            backgroundColor: '#E69F00',
          },
          {
            label: 'Closed',
            data: days.map((d) => d.closed),
            borderColor: '#009E73',
            backgroundColor: '#009E73',
          },
        ],
      },
      options: { ...COMMON, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    },
    table: {
      columns: ['Day', 'Requested', 'Closed'],
      rows: days.map((d) => [d.date, d.opened, d.closed]),
    },
  };
}

/** The heat map's cell shade: 0 (no calls) … 1 (the busiest hour). */
export function heat(busiestHours: number[][]): number[][] {
  const max = Math.max(1, ...busiestHours.flat());
  return busiestHours.map((row) => row.map((n) => n / max));
}
