import type { ShopAnalytics } from '@callshop/contracts';
import { answeringFigure, callsPerDayFigure, heat, productsFigure, staffFigure } from './analytics-charts';

const zero = { ended: 0, failed: 0, missed: 0, declined: 0, busy: 0, cancelled: 0, live: 0 };
const figures: ShopAnalytics = {
  period: {
    from: '2026-03-28',
    to: '2026-03-29',
    timeZone: 'Europe/Berlin',
    days: 2,
    start: '2026-03-27T23:00:00.000Z',
    end: '2026-03-29T22:00:00.000Z',
  },
  callsPerDay: [
    { ...zero, date: '2026-03-28', total: 3, ended: 2, missed: 1 },
    { ...zero, date: '2026-03-29', total: 1, declined: 1 },
  ],
  answerRate: { incoming: 4, answered: 2, rate: 0.5 },
  timeToAnswer: { answered: 2, medianSeconds: 15, p90Seconds: 19 },
  missedByReason: [{ reason: 'timeout', count: 1 }],
  busiestHours: Array.from({ length: 7 }, (_, d) =>
    Array.from({ length: 24 }, (_, h) => (d === 5 && h === 11 ? 4 : h === 9 ? 1 : 0)),
  ),
  products: [
    {
      productId: 'p1',
      name: 'Headphones',
      calls: 3,
      orders: 2,
      assistedOrders: 1,
      revenue: 25998,
      assistedRevenue: 12999,
      currency: 'USD',
    },
  ],
  staff: [
    {
      staffId: 's1',
      name: 'Nora',
      callsTaken: 2,
      callsPlaced: 1,
      averageTalkSeconds: 125.4,
      averageRating: null,
    },
  ],
  callbacks: { opened: 1, closed: 0, cancelled: 0, openNow: 1, perDay: [] },
  notes: [],
};

describe('analytics charts', () => {
  it('stacks calls per day by the outcomes that occurred, with the same numbers in the table', () => {
    const f = callsPerDayFigure(figures);
    expect(f.chart.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Talked', [2, 0]],
      ['Missed', [1, 0]],
      ['Declined', [0, 1]],
    ]);
    expect(f.table.columns).toEqual(['Day', 'Talked', 'Missed', 'Declined', 'Total']);
    expect(f.table.rows).toEqual([
      ['2026-03-28', 2, 1, 0, 3],
      ['2026-03-29', 0, 0, 1, 1],
    ]);
  });

  it('describes answering in words and numbers', () => {
    expect(answeringFigure(figures).table.rows).toEqual([
      ['Incoming calls', 4],
      ['Answered', 2],
      ['Answer rate', '50.0 %'],
      ['Time to answer, median', '15.0 s'],
      ['Time to answer, 90th percentile', '19.0 s'],
    ]);
  });

  it('formats money and talk time in the tables', () => {
    expect(productsFigure(figures).table.rows).toEqual([['Headphones', 3, 2, 1, '$259.98', '$129.99']]);
    expect(staffFigure(figures).table.rows).toEqual([['Nora', 2, 1, '2:05', '–']]);
  });

  it('shades the heat map relative to the busiest hour', () => {
    const h = heat(figures.busiestHours);
    expect(h[5][11]).toBe(1);
    expect(h[0][9]).toBe(0.25);
    expect(h[0][0]).toBe(0);
  });
});
