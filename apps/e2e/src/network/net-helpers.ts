import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiLogin, baseUrl } from '../support/browser';
import {
  CUSTOMERS,
  SHOP,
  answeredVideoCall,
  closeAll,
  openProductPage,
  openSellerConsole,
  personContext,
  shopProduct,
  waitFor,
} from '../calls/call-helpers';
import { chromiumIn, type HomeName } from './lab';
import { API_URL, startLabApi, type LabApi } from './lab-api';

const CHROMIUM_ARGS: string[] = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../tools/scripts/chromium-args.json'), 'utf8'),
);

function chromiumPath(): string {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser']).toString().trim();
}

/**
 * Chromium on the home's computer (its own network namespace, behind the home's NAT), driven
 * over Playwright's pipe from this process. The page origin is plain http on the public
 * address, so it is marked secure for camera and microphone access.
 */
export async function launchBrowserIn(home: HomeName): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumIn(home, chromiumPath()),
    headless: true,
    args: [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${API_URL}`],
  });
}

export interface CandidateInfo {
  candidateType: string;
  address: string | null;
  port: number | null;
  protocol: string | null;
  relayProtocol: string | null;
}

export interface SelectedPair {
  connectionState: string;
  state: string;
  nominated: boolean;
  local: CandidateInfo;
  remote: CandidateInfo;
}

/**
 * The selected ICE candidate pair of every open peer connection of the page (recorded by
 * `personContext`'s init script), as chrome://webrtc-internals shows it.
 */
export async function selectedPairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    const out: SelectedPair[] = [];
    for (const pc of pcs) {
      const stats = await pc.getStats();
      const all = new Map<string, Record<string, unknown>>();
      stats.forEach((s) => all.set(s.id, s));
      let pairId: string | undefined;
      all.forEach((s) => {
        if (s['type'] === 'transport' && typeof s['selectedCandidatePairId'] === 'string')
          pairId = s['selectedCandidatePairId'] as string;
      });
      if (!pairId)
        all.forEach((s) => {
          if (s['type'] === 'candidate-pair' && s['nominated'] && s['state'] === 'succeeded')
            pairId = s['id'] as string;
        });
      const pair = pairId ? all.get(pairId) : undefined;
      if (!pair) continue;
      const candidate = (id: unknown): CandidateInfo => {
        const c = all.get(String(id)) ?? {};
        return {
          candidateType: String(c['candidateType'] ?? 'unknown'),
          address: (c['address'] ?? c['ip'] ?? null) as string | null,
          port: (c['port'] ?? null) as number | null,
          protocol: (c['protocol'] ?? null) as string | null,
          relayProtocol: (c['relayProtocol'] ?? null) as string | null,
        };
      };
      out.push({
        connectionState: pc.connectionState,
        state: String(pair['state']),
        nominated: Boolean(pair['nominated']),
        local: candidate(pair['localCandidateId']),
        remote: candidate(pair['remoteCandidateId']),
      });
    }
    return out;
  });
}

/** The types of the local ICE candidates the page's open peer connections gathered. */
export async function localCandidateTypes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState !== 'closed',
    );
    const types = new Set<string>();
    for (const pc of pcs)
      (await pc.getStats()).forEach((s) => s.type === 'local-candidate' && types.add(s.candidateType));
    return [...types].sort();
  });
}

/** The page's selected pair once its connection is up (fails the test if none in time). */
export async function connectedPair(page: Page): Promise<SelectedPair> {
  let pairs: SelectedPair[] = [];
  const ok = await waitFor(async () => {
    pairs = await selectedPairs(page);
    return pairs.some((p) => p.connectionState === 'connected' && p.state === 'succeeded');
  }, 15_000);
  expect({ ok, pairs }).toEqual(expect.objectContaining({ ok: true }));
  return pairs.find((p) => p.connectionState === 'connected' && p.state === 'succeeded') as SelectedPair;
}

export interface CallRecord {
  id: string;
  status: string;
  endReason: string | null;
  durationSeconds: number | null;
  connectedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
}

async function get<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl()}/api/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** A party of the calls, seen through the REST API. */
export class Party {
  private constructor(private readonly token: string) {}

  static async login(email: string): Promise<Party> {
    return new Party((await apiLogin(email)).accessToken);
  }

  async activeCall(): Promise<CallRecord | null> {
    return (await get<{ call: CallRecord | null }>(this.token, '/calls/active')).call;
  }

  async call(id: string): Promise<CallRecord> {
    return get<CallRecord>(this.token, `/calls/${id}`);
  }

  /** The party's latest calls, newest first, and how many calls its history holds. */
  async history(): Promise<{ items: CallRecord[]; total: number }> {
    return get<{ items: CallRecord[]; total: number }>(this.token, '/calls?limit=100');
  }
}

/** Casey (the customer) and the demo shop's owner, seen through the REST API. */
export async function loginCustomerAndSeller(): Promise<[Party, Party]> {
  return Promise.all([Party.login(CUSTOMERS.casey.email), Party.login(SHOP.owner.email)]);
}

/** The bound call id once the call is accepted (read as the customer). */
export async function acceptedCallId(customer: Party): Promise<string> {
  let call: CallRecord | null = null;
  const ok = await waitFor(async () => (call = await customer.activeCall())?.status === 'accepted', 10_000);
  expect({ ok, call }).toEqual(expect.objectContaining({ ok: true }));
  return (call as unknown as CallRecord).id;
}

/** Waits until `check` holds for the call as `party` reads it, and returns the last read. */
export async function waitForCall(
  party: Party,
  id: string,
  check: (call: CallRecord) => boolean,
  timeout: number,
): Promise<CallRecord> {
  let call = await party.call(id);
  await waitFor(async () => check((call = await party.call(id))), timeout);
  return call;
}

export async function closeBrowsers(...items: (Browser | BrowserContext | undefined)[]): Promise<void> {
  await Promise.all(items.map((b) => b?.close().catch(() => undefined)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A scenario in the lab: its API (started with `env`), a browser in each home, and the pages
 * the customer (Casey) and the seller (the demo shop's owner) open in them.
 */
export class CallLab {
  private contexts: BrowserContext[] = [];

  private constructor(
    readonly api: LabApi,
    private readonly customerBrowser: Browser,
    private readonly sellerBrowser: Browser,
  ) {}

  static async start(name: string, env: Record<string, string>): Promise<CallLab> {
    const [api, customerBrowser, sellerBrowser] = await Promise.all([
      startLabApi(name, env),
      launchBrowserIn('customer'),
      launchBrowserIn('seller'),
    ]);
    return new CallLab(api, customerBrowser, sellerBrowser);
  }

  /** Fresh pages: the seller console as the shop's owner, the headphones' product page as Casey. */
  async openPages(): Promise<{ customer: Page; seller: Page }> {
    const product = await shopProduct('Studio Monitor Headphones');
    const sellerContext = await personContext(this.sellerBrowser);
    this.contexts.push(sellerContext);
    const customerContext = await personContext(this.customerBrowser);
    this.contexts.push(customerContext);
    const seller = await openSellerConsole(sellerContext, SHOP.owner.email);
    const customer = await openProductPage(customerContext, CUSTOMERS.casey.email, product);
    return { customer, seller };
  }

  /**
   * Fresh pages in a video call Casey started and the seller answered; resolves with the call
   * (as `customerParty` reads it) once the server counts it connected (both devices reported
   * media flowing), or as last read after `timeout`.
   */
  async connectedCall(
    customerParty: Party,
    timeout: number,
  ): Promise<{ customer: Page; seller: Page; call: CallRecord }> {
    const { customer, seller } = await this.openPages();
    await answeredVideoCall(customer, seller);
    const id = await acceptedCallId(customerParty);
    const call = await waitForCall(customerParty, id, (c) => c.connectedAt !== null, timeout);
    return { customer, seller, call };
  }

  /** Closes the pages opened so far. */
  async closePages(): Promise<void> {
    await closeAll(...this.contexts.splice(0));
  }

  /** Closes the pages and both browsers, and stops the API. */
  async stop(): Promise<void> {
    await this.closePages();
    await closeBrowsers(this.customerBrowser, this.sellerBrowser);
    await this.api.stop();
  }
}
