import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook must never reach in production: the server's own (loopback), the private
 * networks it may sit in, link-local (cloud metadata services at 169.254.169.254), carrier NAT,
 * benchmarking, multicast and reserved ranges, and their IPv6 forms.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}

/** Whether `address` (IPv4 or IPv6, an IPv4-mapped IPv6 included) is private, loopback, link-local or reserved. */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return FORBIDDEN.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class WebhookTargetError extends Error {}

/**
 * Checks a URL a shop wants deliveries sent to: `https:` (plain `http:` only where private
 * targets are allowed, i.e. development and tests), no credentials in it, and a host that
 * resolves only to public addresses unless private targets are allowed.
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('url must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new WebhookTargetError('url must use https');
  }
  if (url.username || url.password) throw new WebhookTargetError('url must not contain credentials');
  if (!allowPrivate) await resolvePublic(url.hostname);
  return url;
}

/** Every address `host` resolves to, refused if any of them is not public. */
async function resolvePublic(host: string): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await new Promise<LookupAddress[]>((resolve, reject) =>
        dnsLookup(bare, { all: true }, (error, found) =>
          error ? reject(new WebhookTargetError(`url host ${host} does not resolve`)) : resolve(found),
        ),
      );
  if (addresses.length === 0 || addresses.some((a) => isForbiddenAddress(a.address))) {
    throw new WebhookTargetError(
      `url host ${host} resolves to a private, loopback or link-local address, which webhooks may not reach`,
    );
  }
  return addresses;
}

/**
 * A `lookup` for `http.request` that refuses private addresses at connection time, so a host
 * that resolved to a public address when it was registered cannot be pointed at the internal
 * network later (DNS rebinding): the address checked is the address connected to.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isForbiddenAddress(a.address));
    if (bad || list.length === 0) {
      return callback(new WebhookTargetError(`refused: ${hostname} resolves to a private address`), '', 0);
    }
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    return callback(null, list[0].address, list[0].family);
  });
};
