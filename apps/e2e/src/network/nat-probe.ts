import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { HOMES, PUBLIC_IP, PUBLIC_NS, stopProcess, type HomeName } from './lab';

/** Two UDP ports on the public address that answer every datagram with the sender's address. */
export const ECHO_PORTS = [40001, 40002] as const;

const ECHO_SERVER = `
const dgram = require('node:dgram');
for (const port of ${JSON.stringify(ECHO_PORTS)}) {
  const s = dgram.createSocket('udp4');
  s.on('message', (_m, r) => s.send(r.address + ':' + r.port, r.port, r.address));
  s.bind(port, '${PUBLIC_IP}', () => { if (port === ${ECHO_PORTS[1]}) console.log('ready'); });
}`;

const PROBE = `
const dgram = require('node:dgram');
const [ports, ip, from] = [JSON.parse(process.argv[1]), process.argv[2], Number(process.argv[3])];
const s = dgram.createSocket('udp4');
const seen = {};
s.on('message', (m, r) => { seen[r.port] = m.toString(); if (Object.keys(seen).length === ports.length) done(); });
const done = () => { console.log(JSON.stringify(seen)); process.exit(0); };
s.bind(from, () => { for (const p of ports) s.send('probe', p, ip); setTimeout(done, 1500); });`;

export async function startEchoServer(): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', PUBLIC_NS, process.execPath, '-e', ECHO_SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
  return child;
}

export const stopEchoServer = (child: ChildProcess | undefined) => stopProcess(child, 2_000);

/**
 * From one UDP socket (port `from`) on the home's computer, one datagram to each echo port:
 * the public address and port the NAT gave it for each destination (missing: no answer). Use
 * a new `from` for each probe: a flow's mapping lives on in conntrack after a NAT change.
 */
export function probeMappings(home: HomeName, from: number): Partial<Record<number, string>> {
  const out = execFileSync(
    'ip',
    [
      'netns',
      'exec',
      HOMES[home].host,
      process.execPath,
      '-e',
      PROBE,
      JSON.stringify(ECHO_PORTS),
      PUBLIC_IP,
      String(from),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.toString()) as Record<number, string>;
}
