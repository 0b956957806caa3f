import type { Page } from 'playwright-core';
import { remoteVideo, waitFor, waitForText } from '../calls/call-helpers';
import { cutLink, restoreLink, setNats } from './lab';
import { iceEnv } from './lab-api';
import {
  CallLab,
  connectedPair,
  loginCustomerAndSeller,
  sleep,
  waitForCall,
  type CallRecord,
  type Party,
} from './net-helpers';

/**
 * How long a call waits for media that stopped (and for a dropped device) before it is lost:
 * well above the short cut plus the time to notice it, well below the long one.
 */
const GRACE_MS = 15_000;
const SHORT_CUT_MS = 8_000;
const LONG_CUT_MS = 40_000;
/** What both sides are told when the connection could not be restored. */
const CONNECTION_LOST = /connection (was |has been )?lost|lost the connection/i;

/**
 * Two homes behind cone NATs in a call; the customer's home loses its internet link (the
 * router forwards nothing, both ways) for a while, then gets it back.
 */
describe('a home link cut during a call', () => {
  let lab: CallLab;
  let customerParty: Party;
  let sellerParty: Party;

  beforeAll(async () => {
    setNats('cone');
    lab = await CallLab.start('link-cut', { ...iceEnv('turn'), CALL_RECONNECT_GRACE_MS: String(GRACE_MS) });
    [customerParty, sellerParty] = await loginCustomerAndSeller();
  });
  afterEach(async () => {
    restoreLink('customer');
    await lab?.closePages();
  });
  afterAll(async () => {
    await lab?.stop();
  });

  async function inCall(): Promise<{ customer: Page; seller: Page; id: string }> {
    const { customer, seller, call } = await lab.connectedCall(customerParty, 10_000);
    // Connected, as the server counts it: both devices reported media flowing.
    expect({ connectedAt: call.connectedAt }).toEqual({ connectedAt: expect.any(String) });
    return { customer, seller, id: call.id };
  }

  it(`${SHORT_CUT_MS / 1000} s without a link: the call recovers, the same call`, async () => {
    const { customer, seller, id } = await inCall();
    const path = await connectedPair(customer);

    cutLink('customer');
    const cutAt = Date.now();
    await sleep(2_000);
    const frozenAt = (await remoteVideo(seller)).framesDecoded;
    await sleep(SHORT_CUT_MS - 2_000);
    // The cut is real: nothing reached the seller while it lasted.
    expect((await remoteVideo(seller)).framesDecoded).toBe(frozenAt);
    const before = await Promise.all([remoteVideo(customer), remoteVideo(seller)]);
    restoreLink('customer');
    const restored = Date.now();

    // Video flows again both ways within a few seconds (about 2 s here).
    const [customerBack, sellerBack] = await Promise.all(
      [customer, seller].map((page, i) =>
        waitFor(async () => (await remoteVideo(page)).framesDecoded > before[i].framesDecoded + 10, 8_000),
      ),
    );
    expect({ customerBack, sellerBack }).toEqual({ customerBack: true, sellerBack: true });
    console.log(
      `link back: video flowing again both ways after ${Date.now() - restored} ms ` +
        `(path ${path.local.candidateType} ↔ ${path.remote.candidateType})`,
    );

    // The same call goes on: same id, still accepted, both still in the call view.
    expect(await customerParty.activeCall()).toEqual(expect.objectContaining({ id, status: 'accepted' }));
    expect(await sellerParty.call(id)).toEqual(expect.objectContaining({ status: 'accepted' }));
    expect(await customer.getByTestId('in-call').count()).toBe(1);
    expect(await seller.getByTestId('in-call').count()).toBe(1);
    expect(await customer.getByTestId('call-outcome').count()).toBe(0);
    expect(await seller.getByTestId('call-outcome').count()).toBe(0);

    await customer.getByRole('button', { name: 'Hang up' }).click();
    const ended = await waitForCall(customerParty, id, (c) => c.status !== 'accepted', 10_000);
    expect(ended).toEqual(expect.objectContaining({ status: 'ended', endReason: 'hangup' }));
    // Talk time leaves the gap out: it is shorter than the time since the call connected by
    // most of the cut.
    const sinceConnected = (Date.parse(ended.endedAt ?? '') - Date.parse(ended.connectedAt ?? '')) / 1000;
    const cutSeconds = (restored - cutAt) / 1000;
    const talk = ended.durationSeconds;
    expect({
      talk,
      sinceConnected,
      cutSeconds,
      gapLeftOut: talk !== null && talk <= sinceConnected - cutSeconds / 2,
    }).toEqual(expect.objectContaining({ gapLeftOut: true }));
  });

  it(`${LONG_CUT_MS / 1000} s without a link: the call ends as connection_lost for both, once`, async () => {
    const totals = await Promise.all([customerParty.history(), sellerParty.history()]).then((h) =>
      h.map((page) => page.total),
    );
    const { customer, seller, id } = await inCall();

    cutLink('customer');
    const cutAt = Date.now();
    const since = () => Date.now() - cutAt;
    const linkBack = sleep(LONG_CUT_MS).then(() => restoreLink('customer'));
    // The server decides, while the customer is still cut off (media stopped for longer than
    // the grace); the seller, still online, is told at once, the customer once back online.
    const [lost, sellerTold, customerTold] = await Promise.all([
      waitForCall(customerParty, id, (c) => c.status !== 'accepted', LONG_CUT_MS + 20_000).then((call) => ({
        call,
        atMs: since(),
      })),
      waitForText(seller.getByTestId('call-outcome'), CONNECTION_LOST, LONG_CUT_MS + 20_000).then((ok) => ({
        ok,
        atMs: since(),
      })),
      waitForText(customer.getByTestId('call-outcome'), CONNECTION_LOST, LONG_CUT_MS + 45_000).then((ok) => ({
        ok,
        atMs: since(),
      })),
      linkBack,
    ]);
    console.log(
      `${LONG_CUT_MS / 1000} s cut: call ${lost.call.status} / ${lost.call.endReason} at ${lost.atMs} ms, ` +
        `seller told: ${sellerTold.ok} at ${sellerTold.atMs} ms, customer told: ${customerTold.ok} at ${customerTold.atMs} ms`,
    );

    // Decided by the server while the link was still down: not a hang-up by a client that gave up.
    expect({
      status: lost.call.status,
      endReason: lost.call.endReason,
      beforeLinkBack: lost.atMs < LONG_CUT_MS,
    }).toEqual({ status: 'failed', endReason: 'connection_lost', beforeLinkBack: true });
    expect({ sellerTold: sellerTold.ok, customerTold: customerTold.ok }).toEqual({
      sellerTold: true,
      customerTold: true,
    });

    // One record, and both parties' histories agree on it.
    const [customerHistory, sellerHistory] = await Promise.all([
      customerParty.history(),
      sellerParty.history(),
    ]);
    expect([customerHistory.total, sellerHistory.total]).toEqual(totals.map((n) => n + 1));
    const pick = (history: { items: CallRecord[] }) =>
      history.items
        .filter((c) => c.id === id)
        .map(({ status, endReason, durationSeconds }) => ({ status, endReason, durationSeconds }));
    expect(pick(customerHistory)).toEqual([
      expect.objectContaining({ status: 'failed', endReason: 'connection_lost' }),
    ]);
    expect(pick(sellerHistory)).toEqual(pick(customerHistory));
  });
});
