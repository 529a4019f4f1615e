import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { OutboundRefusedError } from '../errors.ts';

/**
 * The org URL is typed in by a tenant, so a request to it must not become a way to reach our own
 * network (cloud metadata at 169.254.169.254, the database, the admin ports). Every address the host
 * resolves to is checked; the demo and tests, which run Okta's simulator on loopback, opt out.
 */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) blocked.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  return family === 4 ? blocked.check(address, 'ipv4') : family === 6 ? blocked.check(address, 'ipv6') : true;
}

export type Resolver = (host: string) => Promise<string[]>;
const systemResolver: Resolver = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/** Throws OutboundRefusedError unless every address of the URL's host is public (or private is allowed). */
export async function assertPublicHost(url: URL, opts: { allowPrivateNetwork?: boolean; resolve?: Resolver } = {}) {
  if (opts.allowPrivateNetwork) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (opts.resolve ?? systemResolver)(host);
  } catch (e) {
    throw new OutboundRefusedError(`Cannot resolve ${host}: ${(e as Error).message}`, { cause: e });
  }
  const bad = addresses.filter(isPrivateAddress);
  if (!addresses.length || bad.length) {
    throw new OutboundRefusedError(`${host} resolves to a private, loopback or link-local address (${bad.join(', ') || 'none'}); refused`);
  }
}
