import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A small internet in network namespaces, so browsers can call each other across NATs and a
 * TURN relay without any packet leaving the machine:
 *
 * ```
 *   csnet-pub  "the internet", bridge br0 203.0.113.0/24
 *     203.0.113.1    the API (one per scenario) and coturn (port 3478, relays 49160-49200)
 *     203.0.113.250  the test process (its own namespace, see tools/scripts/e2e-network.mjs)
 *     203.0.113.11   csnet-home1-router  WAN; NAT for 10.1.0.0/24 ── csnet-home1-pc 10.1.0.2 (customer's Chromium)
 *     203.0.113.12   csnet-home2-router  WAN; NAT for 10.2.0.0/24 ── csnet-home2-pc 10.2.0.2 (seller's Chromium)
 * ```
 *
 * Nothing routes to the 10.x home networks from outside their router, as on the real
 * internet. Every name starts with {@link LAB_PREFIX}, so {@link destroyLab} also removes what a
 * crashed run left behind. Needs root, iproute2 and iptables.
 */
export const LAB_PREFIX = 'csnet';
export const PUBLIC_NS = `${LAB_PREFIX}-pub`;
/** Where the API and coturn listen, the only address the browsers know. */
export const PUBLIC_IP = '203.0.113.1';
export const DRIVER_IP = '203.0.113.250';
export const TURN_PORT = 3478;
const PUBLIC_PREFIX_LEN = 24;

export type HomeName = 'customer' | 'seller';
export type NatKind = 'cone' | 'symmetric';

export interface Home {
  router: string;
  host: string;
  wanIp: string;
  lanIp: string;
  hostIp: string;
}

export const HOMES: Record<HomeName, Home> = {
  customer: {
    router: `${LAB_PREFIX}-home1-router`,
    host: `${LAB_PREFIX}-home1-pc`,
    wanIp: '203.0.113.11',
    lanIp: '10.1.0.1',
    hostIp: '10.1.0.2',
  },
  seller: {
    router: `${LAB_PREFIX}-home2-router`,
    host: `${LAB_PREFIX}-home2-pc`,
    wanIp: '203.0.113.12',
    lanIp: '10.2.0.1',
    hostIp: '10.2.0.2',
  },
};

/** Private ranges coturn must never relay to (see docs/deployment.md, "TURN"). */
export const PRIVATE_RANGES = [
  '10.0.0.0-10.255.255.255',
  '172.16.0.0-172.31.255.255',
  '192.168.0.0-192.168.255.255',
  '169.254.0.0-169.254.255.255',
  '100.64.0.0-100.127.255.255',
  '0.0.0.0-0.255.255.255',
];

const root = resolve(__dirname, '../../../..');
/** Scratch space of the lab: coturn's config and log, browser wrappers, API data. */
export const LAB_DIR = join(root, 'tmp', 'network-lab');

function sh(command: string): string {
  return execFileSync('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/** Runs `command` inside namespace `ns`. */
export function inNs(ns: string, command: string): string {
  return sh(`ip netns exec ${ns} ${command}`);
}

function tryInNs(ns: string, command: string): boolean {
  try {
    inNs(ns, command);
    return true;
  } catch {
    return false;
  }
}

export function labNamespaces(): string[] {
  return sh('ip netns list')
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name.startsWith(`${LAB_PREFIX}-`));
}

/** Kills every process left in the lab's namespaces and deletes them. Safe to call any time. */
export function destroyLab(): void {
  for (const ns of labNamespaces()) {
    try {
      sh(`ip netns pids ${ns} | xargs -r kill -9`);
    } catch {
      // already gone
    }
  }
  for (const ns of labNamespaces()) sh(`ip netns del ${ns}`);
}

/**
 * The test process must not plug the lab into the machine's own network: the runner script
 * records the namespace it started in (`NETLAB_OUTER_NETNS`) and runs Jest in a new one.
 */
export function assertPrivateNetworkNamespace(): void {
  const outer = process.env['NETLAB_OUTER_NETNS'];
  if (!outer || readlinkSync('/proc/self/ns/net') === outer) {
    throw new Error(
      'The network lab must be driven from its own network namespace: run it with `node tools/scripts/e2e-network.mjs`.',
    );
  }
}

/** Builds the namespaces, links and NATs (cone), and plugs this process into the public network. */
export function createLab(): void {
  destroyLab();
  mkdirSync(LAB_DIR, { recursive: true });
  const pub = PUBLIC_NS;
  sh(`ip netns add ${pub}`);
  inNs(pub, 'ip link set lo up');
  sh(`ip -n ${pub} link add br0 type bridge`);
  sh(`ip -n ${pub} addr add ${PUBLIC_IP}/${PUBLIC_PREFIX_LEN} dev br0`);
  sh(`ip -n ${pub} link set br0 up`);

  for (const [name, home] of Object.entries(HOMES)) {
    const { router, host } = home;
    sh(`ip netns add ${router}`);
    sh(`ip netns add ${host}`);
    sh(`ip -n ${router} link set lo up`);
    sh(`ip -n ${host} link set lo up`);
    // WAN: the router's `wan` is plugged into the public bridge.
    sh(`ip -n ${router} link add wan type veth peer name ${name} netns ${pub}`);
    sh(`ip -n ${pub} link set ${name} master br0 up`);
    sh(`ip -n ${router} addr add ${home.wanIp}/${PUBLIC_PREFIX_LEN} dev wan`);
    sh(`ip -n ${router} link set wan up`);
    // LAN: one computer behind the router.
    sh(`ip -n ${router} link add lan type veth peer name eth0 netns ${host}`);
    sh(`ip -n ${router} addr add ${home.lanIp}/24 dev lan`);
    sh(`ip -n ${router} link set lan up`);
    sh(`ip -n ${host} addr add ${home.hostIp}/24 dev eth0`);
    sh(`ip -n ${host} link set eth0 up`);
    sh(`ip -n ${host} route add default via ${home.lanIp}`);
    inNs(router, 'sysctl -qw net.ipv4.ip_forward=1');
    // Unsolicited traffic to the router is dropped (not answered): without this a peer's
    // early packet creates a conntrack entry that makes MASQUERADE pick another port, and
    // even "cone" turns symmetric.
    inNs(router, 'iptables -A INPUT -i wan -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT');
    inNs(router, 'iptables -A INPUT -i wan -j DROP');
    setNat(name as HomeName, 'cone');
  }

  // This process (in its own namespace) joins the public network, to drive the API.
  sh(`ip link set lo up`);
  sh(`ip link add lab0 type veth peer name driver netns ${pub}`);
  sh(`ip -n ${pub} link set driver master br0 up`);
  sh(`ip addr add ${DRIVER_IP}/${PUBLIC_PREFIX_LEN} dev lab0`);
  sh(`ip link set lab0 up`);
}

/**
 * `cone`: plain MASQUERADE (keeps the source port, so one mapping serves every peer: STUN's
 * reflexive address works). `symmetric`: `--random-fully`, a new port per destination, so the
 * address STUN saw is useless to anyone else and only a relay gets through.
 */
export function setNat(home: HomeName, kind: NatKind): void {
  const { router } = HOMES[home];
  inNs(router, 'iptables -t nat -F POSTROUTING');
  inNs(
    router,
    `iptables -t nat -A POSTROUTING -o wan -j MASQUERADE${kind === 'symmetric' ? ' --random-fully' : ''}`,
  );
}

export function setNats(kind: NatKind): void {
  setNat('customer', kind);
  setNat('seller', kind);
}

/** Cuts the home's internet link: the router stops forwarding anything, both ways. */
export function cutLink(home: HomeName): void {
  restoreLink(home);
  inNs(HOMES[home].router, 'iptables -I FORWARD 1 -j DROP');
}

export function restoreLink(home: HomeName): void {
  while (tryInNs(HOMES[home].router, 'iptables -D FORWARD -j DROP')) {
    // remove every cut rule
  }
}

/**
 * Random loss of `percent` % of the packets the home's router forwards (both ways), with the
 * `statistic` match (this kernel has no netem); 0 removes it.
 */
export function setLoss(home: HomeName, percent: number): void {
  const { router } = HOMES[home];
  const rule = (p: number) => `FORWARD -m statistic --mode random --probability ${p} -j DROP`;
  const rules = inNs(router, 'iptables -S FORWARD')
    .split('\n')
    .filter((r) => r.includes('--mode random'));
  for (const r of rules) inNs(router, `iptables ${r.replace(/^-A /, '-D ')}`);
  if (percent > 0) inNs(router, `iptables -I ${rule(percent / 100)}`);
}

/** A shell script Playwright can launch as its browser: Chromium inside the home's computer. */
export function chromiumIn(home: HomeName, chromium: string): string {
  const path = join(LAB_DIR, `chromium-${home}`);
  writeFileSync(path, `#!/bin/sh\nexec ip netns exec ${HOMES[home].host} ${chromium} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

export interface TurnServer {
  secret: string;
  realm: string;
  /** For `TURN_URLS`. */
  urls: string[];
  /** For `STUN_URLS` (coturn answers STUN binding requests too). */
  stunUrls: string[];
  logFile: string;
  process: ChildProcess;
}

/** Starts coturn on the public address with the REST-API shared secret (`use-auth-secret`). */
export async function startTurn(secret: string): Promise<TurnServer> {
  const dir = join(LAB_DIR, 'turn');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'turnserver.log');
  const realm = 'callshop.test';
  const config = [
    `listening-ip=${PUBLIC_IP}`,
    `relay-ip=${PUBLIC_IP}`,
    `listening-port=${TURN_PORT}`,
    'min-port=49160',
    'max-port=49200',
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    `realm=${realm}`,
    'fingerprint',
    'no-tls',
    'no-dtls',
    'no-cli',
    'no-multicast-peers',
    'no-software-attribute',
    ...PRIVATE_RANGES.map((range) => `denied-peer-ip=${range}`),
    `userdb=${join(dir, 'turndb')}`,
    `pidfile=${join(dir, 'turnserver.pid')}`,
    `log-file=${logFile}`,
    'simple-log',
    'verbose',
    '',
  ].join('\n');
  const configFile = join(dir, 'turnserver.conf');
  writeFileSync(configFile, config);
  const turn = spawn('ip', ['netns', 'exec', PUBLIC_NS, 'turnserver', '-c', configFile], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (turn.exitCode !== null) throw new Error(`turnserver exited with ${turn.exitCode}; see ${logFile}`);
    if (inNs(PUBLIC_NS, `ss -Hlun 'sport = :${TURN_PORT}'`).trim()) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!inNs(PUBLIC_NS, `ss -Hlun 'sport = :${TURN_PORT}'`).trim())
    throw new Error(`turnserver is not listening on ${PUBLIC_IP}:${TURN_PORT}; see ${logFile}`);
  return {
    secret,
    realm,
    urls: [`turn:${PUBLIC_IP}:${TURN_PORT}?transport=udp`, `turn:${PUBLIC_IP}:${TURN_PORT}?transport=tcp`],
    stunUrls: [`stun:${PUBLIC_IP}:${TURN_PORT}`],
    logFile,
    process: turn,
  };
}

export async function stopProcess(child: ChildProcess | undefined, timeoutMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const done = await Promise.race([
    exited.then(() => true),
    new Promise((r) => setTimeout(() => r(false), timeoutMs)),
  ]);
  if (!done) child.kill('SIGKILL');
}

export function labReady(): boolean {
  return existsSync(LAB_DIR) && labNamespaces().includes(PUBLIC_NS);
}
