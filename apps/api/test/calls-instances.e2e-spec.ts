import type { CallDto } from '@callshop/contracts';
import { twoInstancesSharingRedis } from './support/two-instances';
import { SDP_OFFER, connectCalls, createShop, customerCalls, sleep } from './support/call-clients';

describe('two API instances with the Socket.io Redis adapter', () => {
  const instances = twoInstancesSharingRedis('calls_instances');

  it('rings, answers, relays and ends a call whose parties are on different instances; presence spans both', async () => {
    if (!instances.ready('multi-instance test')) return;
    const { a, b } = instances;
    const shop = await createShop(a);
    const customer = await a.registerCustomer();
    const phone = await connectCalls(a, customer);
    expect(await phone.request('presence:subscribe', { shopId: shop.shopId })).toMatchObject({
      presence: { online: false },
    });
    const seller = await connectCalls(b, shop.owner);
    expect(await phone.next('presence:shop')).toEqual({ shopId: shop.shopId, online: true, available: true });
    // Instance A sees the seller connected to B: the call rings instead of being missed.
    const call = await customerCalls(a, customer, shop, phone);
    expect(call.status).toBe('ringing');
    expect((await seller.next<{ call: CallDto }>('call:incoming')).call.id).toBe(call.id);
    expect(await seller.request('call:accept', { callId: call.id })).toMatchObject({ ok: true });
    expect(await phone.next('call:accepted')).toMatchObject({ role: 'caller' });
    await phone.request('call:signal', {
      callId: call.id,
      signal: { kind: 'description', description: { type: 'offer', sdp: SDP_OFFER } },
    });
    expect(await seller.next('call:signal')).toMatchObject({ callId: call.id });
    // The seller's instance has now seen the binding; the customer reconnects on the other
    // instance and resumes: the seller's next signal must reach the new socket.
    const answer = { kind: 'description', description: { type: 'answer', sdp: SDP_OFFER } };
    expect(await seller.request('call:signal', { callId: call.id, signal: answer })).toEqual({ ok: true });
    await phone.next('call:signal');
    phone.close();
    expect(await seller.next('call:peer-disconnected')).toMatchObject({ callId: call.id });
    const phone2 = await connectCalls(a, customer);
    expect(await phone2.request('call:resume', { callId: call.id })).toMatchObject({
      ok: true,
      role: 'caller',
    });
    expect(await seller.next('call:peer-reconnected')).toEqual({ callId: call.id, fresh: false });
    await sleep(100);
    expect(await seller.request('call:signal', { callId: call.id, signal: answer })).toEqual({ ok: true });
    expect(await phone2.next('call:signal')).toMatchObject({ callId: call.id });
    await seller.request('call:hangup', { callId: call.id });
    expect(await phone2.next('call:ended')).toMatchObject({ call: { status: 'ended' } });
    await phone2.request('presence:subscribe', { shopId: shop.shopId });
    seller.close();
    expect(await phone2.next('presence:shop', (p: { online: boolean }) => !p.online)).toMatchObject({
      online: false,
    });
    phone2.close();
  });

  it("a seller's availability set on one instance applies to their devices on the other", async () => {
    if (!instances.ready('multi-instance availability test')) return;
    const { a, b } = instances;
    const shop = await createShop(a);
    const customer = await b.registerCustomer();
    const watcher = await connectCalls(b, customer);
    const laptop = await connectCalls(a, shop.owner);
    const phone = await connectCalls(b, shop.owner);
    expect(phone.session).toMatchObject({ available: true, availabilityFrom: 'devices' });
    await watcher.request('presence:subscribe', { shopId: shop.shopId });
    expect(await laptop.request('presence:set-available', { available: false })).toMatchObject({
      ok: true,
      presence: { online: true, available: false },
    });
    expect(await phone.next('presence:self')).toEqual({ available: false });
    expect(await watcher.next('presence:shop', (p: { available: boolean }) => !p.available)).toEqual({
      shopId: shop.shopId,
      online: true,
      available: false,
    });
    const tablet = await connectCalls(b, shop.owner);
    expect(tablet.session).toMatchObject({ available: false, availabilityFrom: 'devices' });
    expect(await customerCalls(b, customer, shop)).toMatchObject({ status: 'missed', endReason: 'offline' });
    // Let the instances finish their disconnect pushes before they shut down.
    for (const c of [laptop, phone, tablet]) c.close();
    expect(await watcher.next('presence:shop', (p: { online: boolean }) => !p.online)).toMatchObject({
      online: false,
    });
    watcher.close();
    await sleep(300);
  });
  it('two staff on different instances decline at once: one decline ends the call, the other only stops it ringing', async () => {
    if (!instances.ready('multi-instance decline test')) return;
    const { a, b } = instances;
    const shop = await createShop(a);
    const colleague = await shop.addStaff();
    const customer = await a.registerCustomer();
    const owner = await connectCalls(a, shop.owner);
    const staff = await connectCalls(b, colleague);
    const phone = await connectCalls(a, customer);
    const call = await customerCalls(a, customer, shop, phone);
    await owner.next('call:incoming');
    await staff.next('call:incoming');
    const acks = await Promise.all([
      owner.request<{ call: CallDto }>('call:decline', { callId: call.id }),
      staff.request<{ call: CallDto }>('call:decline', { callId: call.id }),
    ]);
    expect(acks.map((ack) => (ack.ok ? ack.call.status : ack.error.code)).sort()).toEqual([
      'declined',
      'ringing',
    ]);
    expect(await phone.next('call:ended')).toMatchObject({ call: { id: call.id, status: 'declined' } });
    await sleep(200);
    expect(phone.received('call:ended')).toHaveLength(1);
    for (const c of [owner, staff, phone]) c.close();
  });
});
