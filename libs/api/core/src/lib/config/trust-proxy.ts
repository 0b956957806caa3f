import { isIP } from 'node:net';

/**
 * Which peers may say, in `X-Forwarded-For`, whom they forward for: a number of proxy hops in
 * front of the API, or the proxies' addresses and CIDR ranges (Express's `trust proxy`, which
 * also knows the names `loopback`, `linklocal` and `uniquelocal`). Null: nobody; the client
 * address is the TCP peer's, whatever the header says.
 */
export type TrustProxy = number | string[] | null;

const NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(item: string): boolean {
  if (NAMES.includes(item)) return true;
  const [address, prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Reads `TRUST_PROXY`: empty or `false` is nobody, a whole number is a hop count, anything
 * else a comma-separated list of addresses, CIDR ranges and names. Throws a message naming the
 * problem; `true` is refused, as it would let any client choose its own address.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text.toLowerCase() === 'false') return null;
  if (text.toLowerCase() === 'true') {
    throw new Error('true would trust any client: give the number of proxies or their addresses');
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error('at most 10 proxy hops');
    return hops === 0 ? null : hops;
  }
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const bad = items.filter((item) => !isAddressOrRange(item));
  if (bad.length) {
    throw new Error(`${bad.join(', ')}: not an IP address, a CIDR range or one of ${NAMES.join(', ')}`);
  }
  return items;
}
