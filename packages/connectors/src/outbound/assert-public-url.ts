import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { OutboundRefusedError } from '../okta/errors.ts';
import { isPrivateAddress } from '../okta/http/outbound.ts';

export interface PublicUrlPolicy {
  /** BUTTERFLY_ALLOW_PRIVATE_URLS: the demo and tests send to loopback. */
  allowPrivateNetwork?: boolean;
  /** Injected in tests; the system resolver otherwise. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

const systemResolve = (host: string) => lookup(host, { all: true, verbatim: true });

/**
 * The outbound check for any tenant-supplied URL a job calls (alert webhooks): http(s) only, no
 * credentials in it, and every address its host resolves to public unless private ones are allowed.
 * Returns the checked addresses so the caller connects to exactly those: a DNS answer that changes
 * between this check and the connection (rebinding) cannot redirect the request.
 */
export async function assertPublicUrl(raw: string | URL, policy: PublicUrlPolicy = {}): Promise<{ url: URL; addresses: { address: string; family: number }[] }> {
  const url = new URL(String(raw));
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefusedError(`${url.protocol} URLs are not called`);
  if (url.username || url.password) throw new OutboundRefusedError('URLs with credentials are not called');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    const family = isIP(host);
    addresses = family ? [{ address: host, family }] : await (policy.resolve ?? systemResolve)(host);
  } catch (e) {
    throw new OutboundRefusedError(`Cannot resolve ${host}: ${(e as Error).message}`, { cause: e });
  }
  if (!addresses.length) throw new OutboundRefusedError(`${host} has no address`);
  const bad = addresses.filter((a) => isPrivateAddress(a.address));
  if (bad.length && !policy.allowPrivateNetwork) {
    throw new OutboundRefusedError(`${host} resolves to a private, loopback or link-local address (${bad.map((a) => a.address).join(', ')}); refused`);
  }
  return { url, addresses };
}
