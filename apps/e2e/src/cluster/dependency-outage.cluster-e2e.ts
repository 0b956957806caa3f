/**
 * Redis and PostgreSQL go away for a while under two running API instances: readiness says
 * so (and the balancer stops routing to them), liveness does not, nothing crashes, and calls
 * ring again once the dependency is back.
 */
import {
  demoShop,
  forCall,
  health,
  person,
  sleep,
  startClusterLab,
  type ClusterLab,
  type InstanceName,
  type Person,
  READY_PATH,
  status,
  waitFor,
} from './cluster-lab';

let lab: ClusterLab;
const people: Person[] = [];

// Two instances on a fresh database: 20-40 s, minutes when the machine is busy.
beforeAll(async () => {
  lab = await startClusterLab();
}, 240_000);
afterEach(() => {
  people.splice(0).forEach((p) => p.close());
});
afterAll(async () => {
  await lab?.stop();
});

const names: InstanceName[] = ['a', 'b'];

async function expectAll(ready: number, withinMs: number): Promise<void> {
  await waitFor(`readiness ${ready} on both instances`, withinMs, async () =>
    (await Promise.all(names.map((n) => health(lab.instances[n])))).every((h) => h.ready === ready),
  );
  for (const n of names) expect((await health(lab.instances[n])).live).toBe(200);
  // HAProxy takes instances back after two good checks, a second apart.
  if (ready === 200) {
    await waitFor(
      'the balancer routing again',
      10_000,
      async () => (await status(lab.url + READY_PATH)) === 200,
    );
    await sleep(2000);
  }
}

function expectRunning(): void {
  for (const n of names) {
    expect(lab.instances[n].process.exitCode).toBeNull();
    expect(lab.instances[n].process.signalCode).toBeNull();
  }
}

/** A customer on `a` calls the demo shop, whose seller is on `b`: the seller's console rings, then the customer cancels. */
async function ringsAcrossInstances(): Promise<void> {
  const seller = await person(lab, 'seller@demo.shop', { pin: 'b' });
  const customer = await person(lab, 'customer2@demo.shop', { pin: 'a' });
  people.push(seller, customer);
  const incoming = seller.next('call:incoming', () => true, 10_000);
  const started = await customer.ack('call:initiate', await demoShop(lab));
  expect(started).toMatchObject({ ok: true, call: { status: 'ringing' } });
  const callId = (started['call'] as { id: string }).id;
  expect(forCall(callId)(await incoming)).toBe(true);
  expect(await customer.ack('call:cancel', { callId })).toMatchObject({ ok: true });
}

it('Redis stopped for 10 s: readiness down, liveness up, no crash; calls ring again once it is back', async () => {
  await ringsAcrossInstances();
  const seller = await person(lab, 'seller@demo.shop', { pin: 'b' });
  const customer = await person(lab, 'customer@demo.shop', { pin: 'a' });
  people.push(seller, customer);

  await lab.redis.stop();
  const stoppedAt = Date.now();
  await expectAll(503, 5000);
  console.log(`Redis stopped: both instances unready after ${Date.now() - stoppedAt} ms`);
  // A call placed meanwhile is refused with an answer, not a dropped socket or a dead process.
  expect(await customer.ack('call:initiate', await demoShop(lab))).toMatchObject({ ok: false });
  await sleep(Math.max(0, 10_000 - (Date.now() - stoppedAt)));
  expectRunning();

  await lab.redis.start();
  const startedAt = Date.now();
  await expectAll(200, 20_000);
  console.log(`Redis back: both instances ready after ${Date.now() - startedAt} ms`);
  expectRunning();
  await ringsAcrossInstances();
});

it('PostgreSQL restarted: readiness down, liveness up, no crash; calls ring again once it is back', async () => {
  await lab.db.stop();
  const stoppedAt = Date.now();
  await expectAll(503, 10_000);
  console.log(`PostgreSQL stopped: both instances unready after ${Date.now() - stoppedAt} ms`);
  await sleep(3000);
  expectRunning();

  await lab.db.start();
  const startedAt = Date.now();
  await expectAll(200, 20_000);
  console.log(`PostgreSQL back: both instances ready after ${Date.now() - startedAt} ms`);
  expectRunning();
  await ringsAcrossInstances();
});
