import { randomUUID } from 'node:crypto';
import { CALL_CHAT_LIMITS, type CallDto, type CallMessageDto } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment, type TestUser } from './support/test-environment';
import {
  acceptedCall,
  closeClientsAfterEach,
  connectCalls,
  createShop,
  customerCalls,
  type CallClient,
} from './support/call-clients';

type Sent = { message: CallMessageDto; duplicate: boolean };

/**
 * Chat and product cards inside a call, over the real `/calls` socket and PostgreSQL: only the
 * call's two people send, only while it is accepted, within the length and rate limits; every
 * message is stored once and read back by both sides' history.
 */
describe('chat and product cards in a call (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();

  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_chat' });
  });
  afterAll(() => env.close());

  const text = (client: CallClient, callId: string, body: string, clientId = randomUUID()) =>
    client.request<Sent>('call:message', { callId, clientId, text: body });
  const card = (client: CallClient, callId: string, productId: string, clientId = randomUUID()) =>
    client.request<Sent>('call:product', { callId, clientId, productId });

  async function messages(user: TestUser, callId: string, status = 200): Promise<CallMessageDto[]> {
    const res = await env
      .http()
      .get(`/api/v2/calls/${callId}/messages`)
      .set('Authorization', user.auth)
      .expect(status);
    return res.body as CallMessageDto[];
  }

  it('the seller and the customer chat while the call is live; each message reaches every device of both and both histories show the conversation', async () => {
    const shop = await createShop(env, 'Chat lamp');
    const customer = await env.registerCustomer({ name: 'Dana Customer' });
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);
    // The customer's second tab is one of their devices: it gets the conversation too.
    const tab2 = track(await connectCalls(env, customer));

    const first = (await text(
      seller,
      call.id,
      'Hello! See https://example.com/spec?x=1 for details',
    )) as Sent;
    expect(first).toMatchObject({
      ok: true,
      duplicate: false,
      message: {
        callId: call.id,
        kind: 'text',
        sender: 'shop',
        senderName: shop.owner.user.name,
        text: 'Hello! See https://example.com/spec?x=1 for details',
        product: null,
      },
    });
    const atPhone = await phone.next<{ message: CallMessageDto }>('call:message');
    expect(atPhone.message).toEqual(first.message);
    expect((await tab2.next<{ message: CallMessageDto }>('call:message')).message.id).toBe(first.message.id);
    // The sender's own device hears it too (its other tabs would).
    expect((await seller.next<{ message: CallMessageDto }>('call:message')).message.id).toBe(
      first.message.id,
    );

    // Text is kept as written: markup is plain text, surrounding blanks are trimmed.
    const reply = await text(phone, call.id, '  <b>Thanks</b> <img src=x onerror=alert(1)>  ');
    expect(reply).toMatchObject({ ok: true, message: { sender: 'customer', senderName: 'Dana Customer' } });
    expect((reply as Sent).message.text).toBe('<b>Thanks</b> <img src=x onerror=alert(1)>');
    expect((await seller.next<{ message: CallMessageDto }>('call:message')).message.id).toBe(
      (reply as Sent).message.id,
    );

    expect(await seller.request('call:hangup', { callId: call.id })).toMatchObject({ ok: true });
    const conversation = [first.message.id, (reply as Sent).message.id];
    expect((await messages(customer, call.id)).map((m) => m.id)).toEqual(conversation);
    expect((await messages(shop.owner, call.id)).map((m) => m.id)).toEqual(conversation);
    // The shop's history is the shop's: a colleague reads it too.
    const colleague = await shop.addStaff();
    expect((await messages(colleague, call.id)).map((m) => m.text)).toEqual([
      'Hello! See https://example.com/spec?x=1 for details',
      '<b>Thanks</b> <img src=x onerror=alert(1)>',
    ]);
    // Nobody else learns that the call exists.
    await messages(await env.registerCustomer(), call.id, 404);
    await messages((await createShop(env, 'Other shop')).owner, call.id, 404);
    await env.http().get(`/api/v2/calls/${call.id}/messages`).expect(401);
    await env.http().get(`/api/v2/calls/not-a-uuid/messages`).set('Authorization', customer.auth).expect(400);
  });

  it('refuses messages before the call is answered, after it ended, from a colleague who did not take it, another customer, another shop and a stranger, and stores none of them', async () => {
    const shop = await createShop(env, 'Refusing lamp');
    const staff = await shop.addStaff();
    const customer = await env.registerCustomer();
    const seller = track(await connectCalls(env, shop.owner));
    const colleagueDevice = track(await connectCalls(env, staff));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop, phone);
    await seller.next('call:incoming', (p: { call: CallDto }) => p.call.id === call.id);

    // Ringing: nobody chats yet.
    expect(await text(phone, call.id, 'Are you there?')).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_CALL', message: 'The call is ringing' },
    });
    expect(await text(seller, call.id, 'Hi')).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });

    expect(await seller.request('call:accept', { callId: call.id })).toMatchObject({ ok: true });
    await phone.next('call:accepted');

    // A colleague of the seller who did not take the call.
    expect(await text(colleagueDevice, call.id, 'I am here too')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'A colleague holds this call' },
    });
    expect(await card(colleagueDevice, call.id, shop.product.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Another customer, another shop's seller: the call does not exist for them.
    const stranger = track(await connectCalls(env, await env.registerCustomer()));
    expect(await text(stranger, call.id, 'hi')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const otherShop = await createShop(env, 'Elsewhere');
    const otherSeller = track(await connectCalls(env, otherShop.owner));
    expect(await text(otherSeller, call.id, 'hi')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await card(otherSeller, call.id, otherShop.product.id)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await text(stranger, randomUUID(), 'hi')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // Bad bodies.
    expect(await phone.request('call:message', { callId: call.id, text: 'no client id' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'clientId must be a UUID' },
    });
    expect(
      await phone.request('call:message', {
        callId: call.id,
        clientId: randomUUID(),
        text: 'x',
        html: '<b>',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'Unknown field html' } });

    // None of these reached the other side.
    await phone.expectNone('call:message', 100);
    await seller.expectNone('call:message', 0);

    expect(await seller.request('call:hangup', { callId: call.id })).toMatchObject({ ok: true });
    expect(await text(phone, call.id, 'One more thing')).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_CALL', message: 'The call is ended' },
    });
    expect(await messages(customer, call.id)).toEqual([]);
  });

  it('limits the length (1000 characters after trimming, not empty) and the pace (10 messages in 10 s per user)', async () => {
    const shop = await createShop(env, 'Limits lamp');
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);

    const longest = 'é'.repeat(CALL_CHAT_LIMITS.textMax - 1) + '🎧';
    expect(await text(phone, call.id, `  ${longest}  `)).toMatchObject({
      ok: true,
      message: { text: longest },
    });
    expect(await text(phone, call.id, 'x'.repeat(CALL_CHAT_LIMITS.textMax + 1))).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'text is longer than 1000 characters' },
    });
    expect(await text(phone, call.id, '   \n ')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', message: 'text must not be empty' },
    });
    expect(await text(phone, call.id, 'nul\u0000inside')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });

    // One accepted already; nine more pass, the eleventh within the window is refused.
    for (let i = 2; i <= CALL_CHAT_LIMITS.messagesPerWindow; i++) {
      expect(await text(phone, call.id, `message ${i}`)).toMatchObject({ ok: true });
    }
    const refused = await text(phone, call.id, 'too fast');
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(
      /^Too many messages: try again in \d+ s$/,
    );
    // The limit is the sender's: the seller still answers.
    expect(await text(seller, call.id, 'Slow down, I am reading')).toMatchObject({ ok: true });

    const stored = await messages(customer, call.id);
    expect(stored).toHaveLength(CALL_CHAT_LIMITS.messagesPerWindow + 1);
    expect(stored.map((m) => m.text)).not.toContain('too fast');
  });

  it('a message sent again with the same client id (after a reconnect) is stored and delivered once', async () => {
    const shop = await createShop(env, 'Resume lamp');
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);

    const clientId = randomUUID();
    const sent = (await text(phone, call.id, 'Can you show the back?', clientId)) as Sent;
    expect(sent).toMatchObject({ ok: true, duplicate: false });
    await seller.next('call:message');

    // The ack was lost with the connection: the page resumes on a new socket and sends again.
    phone.close();
    const phone2 = track(await connectCalls(env, customer));
    expect(await phone2.request('call:resume', { callId: call.id })).toMatchObject({ ok: true });
    const again = await text(phone2, call.id, 'Can you show the back?', clientId);
    expect(again).toMatchObject({ ok: true, duplicate: true, message: { id: sent.message.id } });
    await new Promise((r) => setTimeout(r, 300));
    expect(seller.received('call:message')).toHaveLength(1);

    // The same client id from the other party is a message of its own.
    expect(await text(seller, call.id, 'Sure', clientId)).toMatchObject({ ok: true, duplicate: false });
    expect((await messages(shop.owner, call.id)).map((m) => m.text)).toEqual([
      'Can you show the back?',
      'Sure',
    ]);
  });

  it("the staff member in the call sends their shop's products as cards; the customer sees name, price, image and stock and adds one to the cart while the call goes on", async () => {
    const shop = await createShop(env, 'Card lamp');
    const second = await env
      .http()
      .post('/api/v2/products')
      .set('Authorization', shop.owner.auth)
      .send({
        name: 'Card lamp shade',
        description: 'Linen',
        price: 2500,
        stock: 3,
        images: ['/assets/demo/s.svg'],
      })
      .expect(201);
    const customer = await env.registerCustomer();
    const { seller, phone, call } = await acceptedCall(env, shop, customer, track);

    const sent = await card(seller, call.id, second.body.id);
    expect(sent).toMatchObject({
      ok: true,
      message: {
        kind: 'product',
        sender: 'shop',
        text: null,
        product: {
          id: second.body.id,
          name: 'Card lamp shade',
          price: 2500,
          currency: 'USD',
          image: '/assets/demo/s.svg',
          stock: 3,
        },
      },
    });
    const atPhone = await phone.next<{ message: CallMessageDto }>('call:message');
    expect(atPhone.message.product?.name).toBe('Card lamp shade');

    // Another shop's product, an unknown one, and a customer sending cards are refused.
    const other = await createShop(env, 'Foreign lamp');
    expect(await card(seller, call.id, other.product.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: "You can only send your own shop's products" },
    });
    expect(await card(seller, call.id, randomUUID())).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await card(phone, call.id, shop.product.id)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only the shop sends products into a call' },
    });

    // The customer adds the card's product to the cart; the call is still accepted.
    await env
      .http()
      .post('/api/v2/cart/items')
      .set('Authorization', customer.auth)
      .send({ productId: atPhone.message.product?.id, quantity: 1 })
      .expect(200);
    const live = await env
      .http()
      .get(`/api/v2/calls/${call.id}`)
      .set('Authorization', customer.auth)
      .expect(200);
    expect(live.body.status).toBe('accepted');
    expect(await text(phone, call.id, 'Added it, thanks')).toMatchObject({ ok: true });

    await seller.request('call:hangup', { callId: call.id });
    const history = await messages(customer, call.id);
    expect(history.map((m) => m.kind)).toEqual(['product', 'text']);
    expect(history[0].product).toMatchObject({ id: second.body.id, name: 'Card lamp shade', stock: 3 });
    expect((await messages(shop.owner, call.id)).map((m) => m.id)).toEqual(history.map((m) => m.id));
  });

  it('a call the shop placed: the staff member who placed it chats with the customer', async () => {
    const shop = await createShop(env, 'Callback lamp');
    const customer = await env.registerCustomer();
    // The customer contacted the shop before, so the shop may call back.
    const first = await acceptedCall(env, shop, customer, track);
    await first.seller.request('call:hangup', { callId: first.call.id });

    const staff = await shop.addStaff();
    const staffDevice = track(await connectCalls(env, staff));
    const started = await staffDevice.request<{ call: CallDto }>('call:initiate', {
      customerId: customer.user.id,
      productId: shop.product.id,
    });
    expect(started).toMatchObject({ ok: true, call: { status: 'ringing', initiatedBy: 'shop' } });
    const callId = (started as { call: CallDto }).call.id;
    await first.phone.next('call:incoming', (p: { call: CallDto }) => p.call.id === callId);
    expect(await first.phone.request('call:accept', { callId })).toMatchObject({ ok: true });

    expect(await text(staffDevice, callId, 'Calling you back about the lamp')).toMatchObject({ ok: true });
    // The owner did not place this call: a colleague here.
    expect(await text(first.seller, callId, 'me too')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const atPhone = await first.phone.next<{ message: CallMessageDto }>(
      'call:message',
      (p) => p.message.callId === callId,
    );
    expect(atPhone.message).toMatchObject({ sender: 'shop', senderName: staff.user.name });
    expect(await text(first.phone, callId, 'Great')).toMatchObject({ ok: true });
  });
});
