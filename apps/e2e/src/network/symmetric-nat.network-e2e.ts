import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  CUSTOMERS,
  SHOP,
  answeredVideoCall,
  closeAll,
  incomingDialog,
  openProductPage,
  openSellerConsole,
  personContext,
  readyVideoCallButton,
  remoteVideo,
  shopProduct,
  waitFor,
  waitForText,
  UI_TIMEOUT,
} from '../calls/call-helpers';
import { PUBLIC_IP, setNats } from './lab';
import { iceEnv, startLabApi, type LabApi } from './lab-api';
import {
  Party,
  acceptedCallId,
  closeBrowsers,
  connectedPair,
  launchBrowserIn,
  localCandidateTypes,
  sleep,
  waitForCall,
  type CallRecord,
} from './net-helpers';

/** Short, so the failure shows within the test; the product's default is 20 s. */
const MEDIA_TIMEOUT_MS = 8_000;

/**
 * Both browsers behind symmetric NATs (a new public port for every destination, as on many
 * mobile and corporate networks): the addresses STUN finds are useless to the other side, so
 * only a TURN relay gets media through.
 */
describe('calls between two symmetric NATs', () => {
  let customerBrowser: Browser;
  let sellerBrowser: Browser;
  let customerContext: BrowserContext | undefined;
  let sellerContext: BrowserContext | undefined;
  let api: LabApi | undefined;

  async function openBoth(): Promise<{ customer: Page; seller: Page }> {
    const product = await shopProduct('Studio Monitor Headphones');
    sellerContext = await personContext(sellerBrowser);
    customerContext = await personContext(customerBrowser);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    return { customer, seller };
  }

  beforeAll(async () => {
    setNats('symmetric');
    [customerBrowser, sellerBrowser] = await Promise.all([
      launchBrowserIn('customer'),
      launchBrowserIn('seller'),
    ]);
  });
  afterEach(async () => {
    await closeAll(customerContext, sellerContext);
    await api?.stop();
    customerContext = sellerContext = api = undefined;
  });
  afterAll(async () => {
    await closeBrowsers(customerBrowser, sellerBrowser);
    setNats('cone');
  });

  it('with TURN configured, the call connects through the relay and video flows both ways', async () => {
    api = await startLabApi('symmetric-turn', iceEnv('turn'));
    const { customer, seller } = await openBoth();

    await answeredVideoCall(customer, seller);

    // No direct path exists: each side's selected pair has the relay at one end at least.
    for (const page of [customer, seller]) {
      const pair = await connectedPair(page);
      const ends = [pair.local, pair.remote];
      expect({
        pair,
        relayed: ends.some((c) => c.candidateType === 'relay' && c.address === PUBLIC_IP),
      }).toEqual(expect.objectContaining({ relayed: true }));
    }

    const party = await Party.login(CUSTOMERS.casey.email);
    const id = await acceptedCallId(party);
    await customer.getByRole('button', { name: 'Hang up' }).click();
    const call = await waitForCall(party, id, (c) => c.status !== 'accepted', 10_000);
    expect(call).toEqual(expect.objectContaining({ status: 'ended', endReason: 'hangup' }));
  });

  it('without TURN, media never flows and both sides are told the video could not connect', async () => {
    api = await startLabApi('symmetric-no-turn', {
      ...iceEnv('stun-only'),
      CALL_MEDIA_TIMEOUT_MS: String(MEDIA_TIMEOUT_MS),
    });
    const { customer, seller } = await openBoth();
    const customerParty = await Party.login(CUSTOMERS.casey.email);
    const sellerParty = await Party.login(SHOP.owner.email);

    await (await readyVideoCallButton(customer)).click();
    const ringing = incomingDialog(seller);
    await ringing.waitFor({ timeout: UI_TIMEOUT });
    await ringing.getByRole('button', { name: 'Accept' }).click();
    const id = await acceptedCallId(customerParty);
    // STUN works (each side learns a public address), it just cannot get through the other NAT.
    for (const page of [customer, seller]) {
      let types: string[] = [];
      await waitFor(async () => (types = await localCandidateTypes(page)).includes('srflx'), 5_000);
      expect(types).toContain('srflx');
    }

    // The server gives the call CALL_MEDIA_TIMEOUT_MS to connect, then fails it for both.
    // Meanwhile not one frame gets through, either way.
    let call = await customerParty.call(id);
    let framesSeen = 0;
    const deadline = Date.now() + MEDIA_TIMEOUT_MS + 10_000;
    while (call.status === 'accepted' && Date.now() < deadline) {
      const [a, b] = await Promise.all([remoteVideo(customer), remoteVideo(seller)]);
      framesSeen = Math.max(framesSeen, a.framesDecoded, b.framesDecoded);
      await sleep(500);
      call = await customerParty.call(id);
    }
    expect(framesSeen).toBe(0);
    expect(call).toEqual(
      expect.objectContaining({
        status: 'failed',
        endReason: 'media_failed',
        durationSeconds: null,
        connectedAt: null,
      }),
    );

    // One record, the same for both parties.
    const histories = await Promise.all([customerParty.history(), sellerParty.history()]);
    for (const history of histories) {
      const records = history.items.filter((c: CallRecord) => c.id === id);
      expect(records).toEqual([
        expect.objectContaining({ status: 'failed', endReason: 'media_failed', durationSeconds: null }),
      ]);
    }

    // Both call views say so plainly.
    const message = /couldn.t connect/i;
    const [customerSees, sellerSees] = await Promise.all([
      waitForText(customer.getByTestId('call-outcome'), message, 10_000),
      waitForText(seller.getByTestId('call-outcome'), message, 10_000),
    ]);
    expect({
      customer: customerSees || (await outcomeText(customer)),
      seller: sellerSees || (await outcomeText(seller)),
    }).toEqual({ customer: true, seller: true });
  });
});

/** What the page's call view says, for a failure message. */
async function outcomeText(page: Page): Promise<string> {
  const outcome = page.getByTestId('call-outcome');
  if (await outcome.count()) return `call-outcome: ${(await outcome.first().textContent())?.trim()}`;
  const call = page.locator('[data-testid="in-call"], [data-testid="outgoing-call"]');
  return (await call.count())
    ? `no outcome; call view: ${(await call.first().textContent())?.trim()}`
    : 'no call view';
}
