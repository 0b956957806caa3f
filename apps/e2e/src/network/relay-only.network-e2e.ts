import type { Browser, BrowserContext } from 'playwright-core';
import {
  CUSTOMERS,
  SHOP,
  answeredVideoCall,
  closeAll,
  openProductPage,
  openSellerConsole,
  personContext,
  shopProduct,
} from '../calls/call-helpers';
import { PUBLIC_IP, setNats } from './lab';
import { iceEnv, startLabApi, type LabApi } from './lab-api';
import {
  Party,
  acceptedCallId,
  closeBrowsers,
  connectedPair,
  launchBrowserIn,
  waitForCall,
} from './net-helpers';

/**
 * `ICE_RELAY_ONLY=true`: both browsers use relayed candidates only, so neither learns the
 * other's address, even where a direct path exists (two cone NATs here).
 */
describe('relay-only calls (ICE_RELAY_ONLY=true)', () => {
  let api: LabApi;
  let customerBrowser: Browser;
  let sellerBrowser: Browser;
  let customerContext: BrowserContext | undefined;
  let sellerContext: BrowserContext | undefined;

  beforeAll(async () => {
    setNats('cone');
    [api, customerBrowser, sellerBrowser] = await Promise.all([
      startLabApi('relay-only', iceEnv('relay-only')),
      launchBrowserIn('customer'),
      launchBrowserIn('seller'),
    ]);
  });
  afterAll(async () => {
    await closeAll(customerContext, sellerContext);
    await closeBrowsers(customerBrowser, sellerBrowser);
    await api?.stop();
  });

  it('connects through the TURN relay on both sides, with video both ways', async () => {
    const product = await shopProduct('Studio Monitor Headphones');
    sellerContext = await personContext(sellerBrowser);
    customerContext = await personContext(customerBrowser);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);

    await answeredVideoCall(customer, seller);

    const [customerPair, sellerPair] = await Promise.all([connectedPair(customer), connectedPair(seller)]);
    for (const pair of [customerPair, sellerPair]) {
      expect(pair).toEqual(
        expect.objectContaining({
          state: 'succeeded',
          local: expect.objectContaining({ candidateType: 'relay', address: PUBLIC_IP }),
          remote: expect.objectContaining({ candidateType: 'relay', address: PUBLIC_IP }),
        }),
      );
    }

    const party = await Party.login(CUSTOMERS.casey.email);
    const id = await acceptedCallId(party);
    await customer.getByRole('button', { name: 'Hang up' }).click();
    const call = await waitForCall(party, id, (c) => c.status !== 'accepted', 10_000);
    expect(call).toEqual(expect.objectContaining({ status: 'ended', endReason: 'hangup' }));
  });
});
