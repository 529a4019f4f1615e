import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress } from './ip-ranges.ts';

/** Resolves a host name to every address it has (A and AAAA). Injected in tests. */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

export interface OutboundPolicy {
  /** BUTTERFLY_ALLOW_PRIVATE_URLS: may tenant-supplied URLs reach private/loopback/link-local addresses? */
  allowPrivate: boolean;
  lookup?: HostLookup;
  timeoutMs?: number;
  maxBytes?: number;
}

/** The subset of fetch that discovery, JWKS and the issuer probe use (and jose's `customFetch` passes). */
export type SafeFetch = (
  url: string | URL,
  init?: { method?: string; headers?: HeadersInit; body?: string; signal?: AbortSignal },
) => Promise<Response>;

export class OutboundAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address, which Butterfly is configured not to contact`);
    this.name = 'OutboundAddressError';
  }
}

const systemLookup: HostLookup = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/**
 * Every address of the URL's host, refused if any of them is not public (unless allowed): checking
 * only the first would let a host with one public and one private address through.
 */
export async function allowedAddresses(url: URL, policy: OutboundPolicy): Promise<LookupAddress[]> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${url.protocol} URLs are not fetched`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  const addresses = family ? [{ address: host, family }] : await (policy.lookup ?? systemLookup)(host);
  if (!addresses.length) throw new Error(`${host} has no address`);
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) throw new OutboundAddressError(host, bad.address);
  }
  return addresses;
}

/**
 * fetch for URLs a tenant supplies (issuer, JWKS). The connection goes to exactly the addresses that
 * were checked (a custom `lookup`), so a DNS answer that changes between check and connect (DNS
 * rebinding) cannot redirect it. Redirects are not followed; bodies are capped.
 */
export function createSafeFetch(policy: OutboundPolicy): SafeFetch {
  const timeoutMs = policy.timeoutMs ?? 5_000;
  const maxBytes = policy.maxBytes ?? 1_000_000;
  return async (input, init = {}) => {
    const url = new URL(String(input));
    const addresses = await allowedAddresses(url, policy);
    const pinned = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
      if (opts.all) cb(null, addresses);
      else cb(null, addresses[0]!.address, addresses[0]!.family);
    };
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(url, { method: init.method ?? 'GET', headers, lookup: pinned as never, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxBytes) return void chunks.push(chunk);
          reject(new Error(`${url.origin} answered more than ${maxBytes} bytes`));
          res.destroy();
        });
        res.on('error', reject);
        res.on('end', () => {
          if (size > maxBytes) return;
          const status = res.statusCode ?? 502;
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) for (const one of [v ?? []].flat()) out.append(k, one);
          resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: out }));
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${url.origin} did not answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(init.body);
    });
  };
}
