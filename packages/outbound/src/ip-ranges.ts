import { isIP } from 'node:net';

/**
 * Address ranges an outbound request to a tenant-supplied URL must not reach unless configuration
 * allows it: loopback, private (RFC 1918, ULA), link-local (cloud metadata lives at 169.254.169.254),
 * CGNAT, and the special-purpose blocks (unspecified, documentation, benchmarking, multicast,
 * reserved). IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
 */
const V4_BLOCKED = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
].map(cidr);

const V6_BLOCKED = [
  '::/128',
  '::1/128',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/23',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
].map(cidr);

/** IPv6 prefixes whose last 32 bits (or bits 16-48 for 6to4) are an IPv4 address. */
const V4_MAPPED = cidr('::ffff:0:0/96');
const V4_COMPATIBLE = cidr('::/96');
const NAT64 = cidr('64:ff9b::/96');
const SIX_TO_FOUR = cidr('2002::/16');

/** Whether an IP address (v4 or v6) is on the public internet. Anything unparseable is not. */
export function isPublicAddress(address: string): boolean {
  const bytes = toBytes(address);
  if (!bytes) return false;
  if (bytes.length === 4) return !V4_BLOCKED.some((r) => inRange(bytes, r));
  if ([V4_MAPPED, V4_COMPATIBLE, NAT64].some((r) => inRange(bytes, r)))
    return isPublicAddress(bytes.subarray(12).join('.'));
  if (inRange(bytes, SIX_TO_FOUR)) return isPublicAddress(bytes.subarray(2, 6).join('.'));
  return !V6_BLOCKED.some((r) => inRange(bytes, r));
}

interface Range {
  bytes: Uint8Array;
  bits: number;
}

function cidr(text: string): Range {
  const [ip, bits] = text.split('/');
  const bytes = toBytes(ip!);
  if (!bytes) throw new Error(`bad range ${text}`);
  return { bytes, bits: Number(bits) };
}

function inRange(bytes: Uint8Array, range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3]! & mask) !== (range.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

/** 4 or 16 bytes of an address literal (`[v6]` brackets and a `%zone` allowed), or undefined. */
export function toBytes(address: string): Uint8Array | undefined {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) return Uint8Array.from(ip.split('.').map(Number));
  if (family !== 6) return undefined;
  let text = ip;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const left = groups(head);
  const right = groups(rest);
  const all = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    const n = Number.parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  return out;
}
