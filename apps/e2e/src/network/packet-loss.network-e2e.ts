import type { Page } from 'playwright-core';
import { waitFor } from '../calls/call-helpers';
import { setLoss, setNats } from './lab';
import { iceEnv } from './lab-api';
import {
  CallLab,
  loginCustomerAndSeller,
  sleep,
  waitForCall,
  type CallRecord,
  type Party,
} from './net-helpers';

/** Heavy loss: far past the 8 % where the indicator turns poor, short of cutting the call. */
const LOSS_PCT = 25;
/** The call must outlive any stall the loss causes: only the quality is under test here. */
const GRACE_MS = 60_000;
/** How long the indicator may take to follow, on two busy cores (it judges ~6 s of samples). */
const FOLLOW_MS = 40_000;
/**
 * Each side reports a quality sample to the server every 5 s (`CALL_STATS_CONFIG.reportMs`):
 * the loss is held this much longer once both sides show it, so the stored summary has a
 * sample taken during it however quickly the indicators turned.
 */
const ONE_REPORT_MORE_MS = 6_000;

type Level = 'good' | 'fair' | 'poor' | null;

interface SideFigures {
  samples: number;
  worst: { lossPct: number | null };
  median: { lossPct: number | null };
}

/** The quality indicator as a person sees it: its level and words; null while it is not shown. */
async function qualityIndicator(page: Page): Promise<{ level: Level; text: string } | null> {
  const indicator = page.getByTestId('in-call').getByTestId('call-quality');
  if ((await indicator.count()) === 0) return null;
  return {
    level: (await indicator.first().getAttribute('data-quality-level')) as Level,
    text: ((await indicator.first().textContent()) ?? '').trim().replace(/^Connection: \w+( · )?/, ''),
  };
}

type Indicator = { level: Level; text: string } | null;

/** Loss made it poor, and says so. */
const poorFromLoss = (q: Indicator) => q?.level === 'poor' && q.text === 'High packet loss';
/**
 * Nothing wrong with the network as the indicator sees it: good, or only a low frame rate,
 * which on two starved cores is the machine (the fake camera's frames are encoded and decoded
 * late), not the network: there is no loss, delay or jitter behind it.
 */
const networkClean = (q: Indicator) => q?.level === 'good' || q?.text === 'Low frame rate';

/**
 * Waits until `page`'s indicator satisfies `wanted`, noting every level it showed on the way
 * (with its reason and the status line), so a failure says what the person saw instead.
 */
async function waitForIndicator(page: Page, wanted: (q: Indicator) => boolean, timeout: number) {
  const started = Date.now();
  const seen: string[] = [];
  let last: Indicator = null;
  const ok = await waitFor(async () => {
    last = await qualityIndicator(page);
    const status = (
      (await page.getByTestId('in-call').getByTestId('call-status').first().textContent()) ?? ''
    ).trim();
    const seenNow = `${last ? `${last.level}${last.text ? `: ${last.text}` : ''}` : 'none'} (${status.replace(/ · \d.*$/, '')})`;
    if (seen[seen.length - 1] !== seenNow) seen.push(seenNow);
    return wanted(last);
  }, timeout);
  return { ok, afterMs: Date.now() - started, seen, level: (last as Indicator)?.level ?? null };
}

const report = (results: { ok: boolean; afterMs: number; seen: string[] }[]) =>
  results.map((r) => `${r.ok ? '' : 'NOT '}after ${r.afterMs} ms [${r.seen.join(' → ')}]`).join(' / ');

/**
 * Two homes behind cone NATs in a connected call; the customer's router starts dropping a
 * quarter of the packets it forwards (both ways), then stops. What "poor networks degrade
 * gracefully and say so" means for the people in the call.
 */
describe('packet loss during a call', () => {
  let lab: CallLab;
  let customerParty: Party;
  let sellerParty: Party;

  beforeAll(async () => {
    setNats('cone');
    lab = await CallLab.start('packet-loss', {
      ...iceEnv('turn'),
      CALL_RECONNECT_GRACE_MS: String(GRACE_MS),
    });
    [customerParty, sellerParty] = await loginCustomerAndSeller();
  });
  afterAll(async () => {
    setLoss('customer', 0);
    await lab?.stop();
  });

  it(`${LOSS_PCT} % loss at the customer's home: both indicators turn poor for the loss, then clear again; the same call goes on`, async () => {
    const { customer, seller, call } = await lab.connectedCall(customerParty, 15_000);
    const id = call.id;

    // A clean network first: both say good (on starved cores: a low frame rate at most).
    const before = await Promise.all(
      [customer, seller].map((page) => waitForIndicator(page, networkClean, FOLLOW_MS)),
    );
    console.log(`clean network: ${report(before)} (customer / seller)`);
    expect(before.map((r) => ({ ok: r.ok, seen: r.seen }))).toEqual([
      expect.objectContaining({ ok: true }),
      expect.objectContaining({ ok: true }),
    ]);

    setLoss('customer', LOSS_PCT);
    // The customer receives through the lossy router, and so does the seller (what the customer
    // sends crosses it too): both turn poor.
    const lossy = await Promise.all(
      [customer, seller].map((page) => waitForIndicator(page, poorFromLoss, FOLLOW_MS)),
    );
    console.log(`${LOSS_PCT} % loss: ${report(lossy)}`);
    await sleep(ONE_REPORT_MORE_MS);
    setLoss('customer', 0);
    const clean = await Promise.all(
      [customer, seller].map((page) => waitForIndicator(page, networkClean, FOLLOW_MS)),
    );
    console.log(`loss removed: ${report(clean)}`);
    expect(lossy.map((r) => ({ poor: r.ok, seen: r.seen }))).toEqual([
      expect.objectContaining({ poor: true }),
      expect.objectContaining({ poor: true }),
    ]);
    expect(clean.map((r) => ({ clear: r.ok, seen: r.seen }))).toEqual([
      expect.objectContaining({ clear: true }),
      expect.objectContaining({ clear: true }),
    ]);

    // The same call went on through it, and ends as the customer ends it.
    expect(await customerParty.activeCall()).toEqual(expect.objectContaining({ id, status: 'accepted' }));
    await customer.getByRole('button', { name: 'Hang up' }).click();
    const ended = await waitForCall(customerParty, id, (c) => c.status !== 'accepted', 15_000);
    expect(ended).toEqual(expect.objectContaining({ status: 'ended', endReason: 'hangup' }));

    // The stored summary keeps the poor stretch: each side's worst loss is heavy, though its
    // median (mostly a clean network) is not.
    const stored = (await sellerParty.call(id)) as CallRecord & {
      quality: { caller: SideFigures | null; callee: SideFigures | null } | null;
    };
    const side = (s: SideFigures | null | undefined) => ({
      samples: s?.samples ?? 0,
      worstLossPct: s?.worst.lossPct ?? null,
      heavy: (s?.worst.lossPct ?? 0) >= 8,
      medianLossPct: s?.median.lossPct ?? null,
    });
    const summary = { caller: side(stored.quality?.caller), callee: side(stored.quality?.callee) };
    console.log(`stored quality: ${JSON.stringify(summary)}`);
    expect(summary).toEqual({
      caller: expect.objectContaining({ heavy: true }),
      callee: expect.objectContaining({ heavy: true }),
    });
  }, 240_000);
});
