/**
 * An API instance dies (kill -9) or is stopped (SIGTERM) under live calls, with real
 * Socket.io clients going through HAProxy to two instances that share Redis and PostgreSQL.
 */
import {
  forCall,
  health,
  liveCall,
  person,
  relayed,
  rest,
  RING_TIMEOUT_MS,
  sleep,
  startClusterLab,
  demoShop,
  type ClusterLab,
  type Person,
  waitFor,
} from './cluster-lab';

let lab: ClusterLab;
const people: Person[] = [];

// Two instances on a fresh database: 20-40 s, minutes when the machine is busy.
beforeAll(async () => {
  lab = await startClusterLab();
}, 240_000);
afterEach(async () => {
  people.splice(0).forEach((p) => p.close());
  if (lab) await Promise.all([lab.start('a'), lab.start('b')]);
});
afterAll(async () => {
  await lab?.stop();
});

async function party(
  email: string,
  pin: 'a' | 'b',
  transports?: ('websocket' | 'polling')[],
): Promise<Person> {
  const p = await person(lab, email, { pin, transports });
  people.push(p);
  return p;
}

interface CallView {
  status: string;
  endReason: string | null;
  durationSeconds: number | null;
}

it('kill -9 of the customer’s instance: the customer reconnects to the other one and the call goes on', async () => {
  const seller = await party('seller@demo.shop', 'b');
  const customer = await party('customer@demo.shop', 'a');
  const callId = await liveCall(lab, customer, seller);

  const killedAt = Date.now();
  lab.instances.a.process.kill('SIGKILL');
  await customer.next('session:ready', () => true, 15_000);
  const back = Date.now() - killedAt;
  // The page resumes its call on the new socket, as the web client does after a reconnect.
  const resumed = await customer.ack('call:resume', { callId });
  expect(resumed).toMatchObject({ ok: true, role: 'caller' });
  console.log(`kill -9: customer back through the balancer and resumed after ${back} ms`);

  // Signaling still flows both ways between the parties, now through instance b alone.
  await relayed(seller, customer, callId, 'answer');
  await relayed(customer, seller, callId, 'offer');
  expect((await rest<CallView>(lab, customer.token, `/calls/${callId}`)).status).toBe('accepted');
  expect(seller.count('call:ended', forCall(callId))).toBe(0);

  await sleep(1100);
  const ended = seller.next('call:ended', forCall(callId));
  expect(await customer.ack('call:hangup', { callId })).toMatchObject({ ok: true });
  await ended;
  for (const who of [customer, seller]) {
    const call = await rest<CallView>(lab, who.token, `/calls/${callId}`);
    expect(call).toMatchObject({ status: 'ended', endReason: 'hangup' });
    expect(call.durationSeconds).toBeGreaterThanOrEqual(1);
  }
});

it('kill -9 while ringing: the ring deadline fires once, on the surviving instance', async () => {
  const seller = await party('seller@demo.shop', 'b');
  const customer = await party('customer2@demo.shop', 'a');
  const incoming = seller.next('call:incoming');
  const started = await customer.ack('call:initiate', await demoShop(lab));
  const callId = (started['call'] as { id: string }).id;
  await incoming;
  // The instance that started the call holds its ring timer; it dies with it.
  lab.instances.a.process.kill('SIGKILL');

  const ended = await seller.next('call:ended', forCall(callId), RING_TIMEOUT_MS + 10_000);
  expect(ended['call']).toMatchObject({ status: 'missed', endReason: 'timeout' });
  // Instance a comes back meanwhile and sweeps too: still one ending, one push each.
  await lab.start('a');
  await sleep(3000);
  expect(seller.count('call:ended', forCall(callId))).toBe(1);
  expect(customer.count('call:ended', forCall(callId))).toBeLessThanOrEqual(1);
  const rows = await lab.sql<{ status: string; end_reason: string }>(
    'SELECT status, end_reason FROM calls WHERE id = $1',
    [callId],
  );
  expect(rows).toEqual([{ status: 'missed', end_reason: 'timeout' }]);
  const history = await rest<{ items: { id: string; status: string }[] }>(
    lab,
    seller.token,
    '/calls?limit=50',
  );
  expect(history.items.filter((c) => c.id === callId)).toEqual([
    expect.objectContaining({ status: 'missed' }),
  ]);
});

it('SIGTERM drains: not ready at once, sockets move to the other instance, no live call lost', async () => {
  const seller = await party('seller@demo.shop', 'b');
  const customer = await party('customer@demo.shop', 'a');
  const callId = await liveCall(lab, customer, seller);

  const stopping = lab.instances.a;
  const termAt = Date.now();
  stopping.process.kill('SIGTERM');
  // Readiness turns 503 at once (the process still answers), so the balancer stops sending here.
  await waitFor('instance a unready', 4000, async () => (await health(stopping)).ready === 503);
  expect(await health(stopping)).toEqual({ ready: 503, live: 200 });
  await customer.next('session:ready', () => true, 15_000);
  const moved = Date.now() - termAt;
  expect(await customer.ack('call:resume', { callId })).toMatchObject({ ok: true });
  // The seller was told the customer's device dropped and came back, and nothing else.
  await seller.next('call:peer-reconnected', forCall(callId), 5000).catch(() => undefined);
  expect(seller.count('call:peer-disconnected', forCall(callId))).toBe(1);
  expect(await stopping.exited).toBe(0);
  console.log(`SIGTERM: customer moved after ${moved} ms, instance exited after ${Date.now() - termAt} ms`);

  await relayed(seller, customer, callId, 'answer');
  expect(seller.count('call:ended', forCall(callId))).toBe(0);
  const ended = seller.next('call:ended', forCall(callId));
  await customer.ack('call:hangup', { callId });
  expect((await ended)['call']).toMatchObject({ status: 'ended', endReason: 'hangup' });
});

it('long-polling clients stay on one instance through the balancer’s cookie', async () => {
  const customer = await party('customer@demo.shop', 'a', ['polling']);
  const seller = await party('seller@demo.shop', 'b', ['polling']);
  const callId = await liveCall(lab, customer, seller);
  await relayed(seller, customer, callId, 'answer');
  await customer.ack('call:hangup', { callId });
  expect(customer.connects).toBe(1);
  expect(seller.connects).toBe(1);
});
