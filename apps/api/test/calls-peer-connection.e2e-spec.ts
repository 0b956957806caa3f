import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import {
  acceptedCall,
  closeClientsAfterEach,
  connectCalls,
  createShop,
  sleep,
  type CallClient,
} from './support/call-clients';

const PEER = 'call:peer-connection';

/**
 * When one side's media stops after the call connected, the other side is told (and told
 * again when it is back), so its view says the other party's connection dropped instead of
 * "In call". Only the other device of the call hears it.
 */
describe('call:peer-connection: the other side hears when media stops and comes back (real API, PostgreSQL)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();

  beforeAll(async () => {
    // The default grace (20 s): a stop in these tests never ends the call.
    env = await createTestEnvironment({ label: 'calls_peer_connection' });
  });
  afterAll(() => env.close());

  const media = (client: CallClient, callId: string, flowing: boolean) =>
    client.request('call:media', { callId, flowing });

  /** An answered call whose media flows both ways, as far as the seller has heard. */
  async function connectedCall() {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    await media(phone, call.id, true);
    await media(seller, call.id, true);
    await seller.next('call:connected');
    return { shop, customer, seller, phone, call };
  }

  it('tells the other device once per change, in both directions, and nobody else', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    // Everyone else who could hear: the seller's other tab, a colleague, the customer's other
    // tab, and an unrelated customer.
    const sellerTab = track(await connectCalls(env, shop.owner));
    const colleague = track(await connectCalls(env, await shop.addStaff()));
    const phoneTab = track(await connectCalls(env, customer));
    const stranger = track(await connectCalls(env, await env.registerCustomer()));

    // Connecting: one side flowing before the other is not an interruption of anything.
    expect(await media(phone, call.id, true)).toEqual({ ok: true });
    expect(await media(seller, call.id, true)).toEqual({ ok: true });
    await phone.next('call:connected');
    await seller.next('call:connected');

    // The seller's incoming media stops: the customer is told, once, however often it is said.
    expect(await media(seller, call.id, false)).toEqual({ ok: true });
    expect(await phone.next(PEER)).toEqual({ callId: call.id, state: 'interrupted' });
    expect(await media(seller, call.id, false)).toEqual({ ok: true });
    expect(await media(seller, call.id, true)).toEqual({ ok: true });
    expect(await phone.next(PEER)).toEqual({ callId: call.id, state: 'restored' });
    expect(await media(seller, call.id, true)).toEqual({ ok: true });

    // The other way round: the customer's media stops and comes back.
    expect(await media(phone, call.id, false)).toEqual({ ok: true });
    expect(await seller.next(PEER)).toEqual({ callId: call.id, state: 'interrupted' });
    expect(await media(phone, call.id, true)).toEqual({ ok: true });
    expect(await seller.next(PEER)).toEqual({ callId: call.id, state: 'restored' });

    await sleep(300);
    expect(phone.received(PEER)).toHaveLength(2);
    expect(seller.received(PEER)).toHaveLength(2);
    for (const other of [sellerTab, colleague, phoneTab, stranger]) expect(other.received(PEER)).toEqual([]);
    expect(await phone.request('call:hangup', { callId: call.id })).toMatchObject({ ok: true });
  });

  it('says nothing before the call connected, and nothing after it ended', async () => {
    const shop = await createShop(env);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    // Only the customer's media ever starts, then stops: the call never connected.
    expect(await media(phone, call.id, true)).toEqual({ ok: true });
    expect(await media(phone, call.id, false)).toEqual({ ok: true });
    await seller.expectNone(PEER, 300);

    expect(await phone.request('call:hangup', { callId: call.id })).toMatchObject({ ok: true });
    expect(await media(seller, call.id, false)).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });
    await phone.expectNone(PEER, 300);
  });

  it('a page that starts a new connection (call:resume fresh) counts as interrupted until its media flows', async () => {
    const { customer, seller, phone, call } = await connectedCall();
    const reloaded = track(await connectCalls(env, customer));
    expect(await reloaded.request('call:resume', { callId: call.id, fresh: true })).toMatchObject({
      ok: true,
      role: 'caller',
    });
    expect(await seller.next(PEER)).toEqual({ callId: call.id, state: 'interrupted' });
    expect(await seller.next('call:peer-reconnected')).toEqual({ callId: call.id, fresh: true });
    expect(await media(reloaded, call.id, true)).toEqual({ ok: true });
    expect(await seller.next(PEER)).toEqual({ callId: call.id, state: 'restored' });
    expect(phone.received(PEER)).toEqual([]);
    expect(await reloaded.request('call:hangup', { callId: call.id })).toMatchObject({ ok: true });
  });

  it('a device that resumes hears where the other side stands, as it may have missed the change', async () => {
    const { shop, seller, phone, call } = await connectedCall();
    // The seller's socket drops and comes back while the customer's media flows: nothing to hear.
    seller.close();
    const sellerBack = track(await connectCalls(env, shop.owner));
    expect(await sellerBack.request('call:resume', { callId: call.id })).toMatchObject({ ok: true });
    await sellerBack.expectNone(PEER, 300);

    // It drops again; meanwhile the customer's media stops, so the push goes nowhere.
    sellerBack.close();
    await sleep(200);
    expect(await media(phone, call.id, false)).toEqual({ ok: true });
    const sellerAgain = track(await connectCalls(env, shop.owner));
    expect(await sellerAgain.request('call:resume', { callId: call.id })).toMatchObject({ ok: true });
    expect(await sellerAgain.next(PEER)).toEqual({ callId: call.id, state: 'interrupted' });
    expect(await media(phone, call.id, true)).toEqual({ ok: true });
    expect(await sellerAgain.next(PEER)).toEqual({ callId: call.id, state: 'restored' });
    expect(await phone.request('call:hangup', { callId: call.id })).toMatchObject({ ok: true });
  });
});
