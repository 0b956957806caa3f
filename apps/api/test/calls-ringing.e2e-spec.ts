import type { CallDto, CallHistoryItem } from '@callshop/contracts';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import { closeClientsAfterEach, connectCalls, createShop, customerCalls } from './support/call-clients';

/** A customer's call rings every available staff member: one decline is that person's alone. */
describe('ringing across staff (real API, PostgreSQL, Socket.io clients)', () => {
  let env: TestEnvironment;
  const track = closeClientsAfterEach();
  beforeAll(async () => {
    env = await createTestEnvironment({ label: 'calls_ringing' });
  });
  afterAll(() => env.close());

  const isCall = (id: string) => (p: { call?: CallDto; callId?: string }) => (p.call?.id ?? p.callId) === id;

  /** A shop's owner and a colleague each on one device, and a customer's call ringing for both. */
  async function ringTwoStaff() {
    const shop = await createShop(env);
    const colleague = await shop.addStaff();
    const customer = await env.registerCustomer();
    const owner = track(await connectCalls(env, shop.owner));
    const staff = track(await connectCalls(env, colleague));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop, phone);
    await owner.next('call:incoming', isCall(call.id));
    await staff.next('call:incoming', isCall(call.id));
    return { shop, customer, owner, staff, phone, call };
  }

  it('one of two staff declines: it stops ringing on their devices only, rings on, and the other can still take it', async () => {
    const shop = await createShop(env);
    const colleague = await shop.addStaff();
    const customer = await env.registerCustomer();
    const ownerTab1 = track(await connectCalls(env, shop.owner));
    const ownerTab2 = track(await connectCalls(env, shop.owner));
    const staffTab = track(await connectCalls(env, colleague));
    const phone = track(await connectCalls(env, customer));
    const call = await customerCalls(env, customer, shop, phone);
    for (const tab of [ownerTab1, ownerTab2, staffTab]) await tab.next('call:incoming', isCall(call.id));

    expect(await ownerTab1.request('call:decline', { callId: call.id })).toMatchObject({
      ok: true,
      call: { id: call.id, status: 'ringing', endReason: null },
    });
    // The decliner's other tab stops ringing; nobody else hears anything.
    expect(await ownerTab2.next('call:ring-stopped')).toEqual({ callId: call.id, reason: 'declined' });
    await Promise.all([
      staffTab.expectNone('call:ring-stopped', 300),
      staffTab.expectNone('call:ended', 300),
      phone.expectNone('call:ended', 300),
    ]);
    // A second decline by the same person is refused, changing nothing.
    expect(await ownerTab2.request('call:decline', { callId: call.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'You declined this call already' },
    });
    // A new tab of the decliner is not rung again; the colleague's is.
    const ownerTab3 = track(await connectCalls(env, shop.owner));
    await ownerTab3.expectNone('call:incoming', 300);
    const staffTab2 = track(await connectCalls(env, colleague));
    await staffTab2.next('call:incoming', isCall(call.id));

    expect(await staffTab.request('call:accept', { callId: call.id })).toMatchObject({ ok: true });
    expect(await phone.next('call:accepted')).toMatchObject({ call: { staff: { id: colleague.user.id } } });
    await phone.request('call:hangup', { callId: call.id });
    expect(await phone.next('call:ended')).toMatchObject({ call: { status: 'ended', endReason: 'hangup' } });
  });

  it('both staff decline at the same moment: the call ends declined once, on both sides', async () => {
    const { owner, staff, phone, call, shop, customer } = await ringTwoStaff();

    const acks = await Promise.all([
      owner.request<{ call: CallDto }>('call:decline', { callId: call.id }),
      staff.request<{ call: CallDto }>('call:decline', { callId: call.id }),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    const statuses = acks.map((a) => (a.ok ? a.call.status : null)).sort();
    expect(statuses).toEqual(['declined', 'ringing']);
    expect(await phone.next('call:ended', isCall(call.id))).toMatchObject({
      call: { status: 'declined', endReason: 'declined' },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(phone.received('call:ended')).toHaveLength(1);
    expect(owner.received('call:ended')).toHaveLength(1);

    const mine = await env.http().get('/api/v2/calls').set('Authorization', customer.auth).expect(200);
    expect((mine.body.items as CallHistoryItem[]).find((c) => c.id === call.id)).toMatchObject({
      status: 'declined',
      endReason: 'declined',
    });
    // Declined is a choice, not a missed call, for the shop.
    const summary = await env
      .http()
      .get('/api/v2/calls/summary')
      .set('Authorization', shop.owner.auth)
      .expect(200);
    expect(summary.body).toMatchObject({ missedTotal: 0 });
  });

  it('ends declined when the one staff member it still rang for declines; a stranger cannot decline', async () => {
    const { owner, staff, phone, call } = await ringTwoStaff();
    // The colleague stops taking calls: the owner is the last one it rings for.
    await staff.request('presence:set-available', { available: false });
    const stranger = track(await connectCalls(env, (await createShop(env)).owner));
    expect(await stranger.request('call:decline', { callId: call.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await owner.request('call:decline', { callId: call.id })).toMatchObject({
      ok: true,
      call: { status: 'declined' },
    });
    expect(await phone.next('call:ended', isCall(call.id))).toMatchObject({ call: { status: 'declined' } });
  });
});
