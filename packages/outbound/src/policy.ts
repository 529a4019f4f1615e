import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { OutboundError } from './errors.ts';
import { isPublicAddress, toBytes } from './ip-ranges.ts';

/** Resolves a host name to every address it has (A and AAAA). Injected in tests. */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

export interface OutboundPolicy {
  /** BUTTERFLY_ALLOW_PRIVATE_URLS: may calls reach private, loopback and link-local addresses at all? */
  allowPrivate: boolean;
  /**
   * Addresses allowed even when private ones are not: a test allows exactly its rogue server
   * (127.0.0.1) and still sees 127.0.0.2 refused.
   */
  allowAddresses?: readonly string[];
  /** Name resolution; the system resolver (getaddrinfo) by default. */
  lookup?: HostLookup;
}

const systemLookup: HostLookup = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

const key = (address: string) => toBytes(address)?.join('.');

/** Whether the policy lets a connection go to this address literal. */
export function isAllowedAddress(address: string, policy: OutboundPolicy): boolean {
  if (policy.allowPrivate || isPublicAddress(address)) return true;
  const k = key(address);
  return k !== undefined && (policy.allowAddresses ?? []).some((a) => key(a) === k);
}

/**
 * The message names the address only when the URL did: what an internal name resolves to is not
 * something to tell a tenant (the error reaches "Test connection" and the logout receivers).
 */
export function refusedAddress(host: string, address: string): OutboundError {
  const what = address === host ? `${host} is` : `${host} resolves to`;
  return new OutboundError(
    'ADDRESS_REFUSED',
    `${what} a private, loopback or link-local address, which Butterfly is configured not to contact`,
  );
}

/**
 * Every address the host resolves to, refused if any of them is not allowed: a name with one public
 * and one private address must not get through because the public one came first.
 */
export async function allowedAddresses(host: string, policy: OutboundPolicy): Promise<LookupAddress[]> {
  const family = isIP(host);
  let addresses: LookupAddress[];
  try {
    addresses = family ? [{ address: host, family }] : await (policy.lookup ?? systemLookup)(host);
  } catch (e) {
    throw new OutboundError(
      'DNS_FAILED',
      `${host} does not resolve: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { cause: e },
    );
  }
  if (!addresses.length) throw new OutboundError('DNS_FAILED', `${host} has no address`);
  const bad = addresses.find((a) => !isAllowedAddress(a.address, policy));
  if (bad) throw refusedAddress(host, bad.address);
  return addresses;
}

/**
 * The `lookup` hook node:net calls when a socket connects to a host name. The check happens here,
 * inside the connection, so the socket goes to exactly the address that was checked: there is no
 * second resolution a DNS-rebinding answer could change, and a kept-alive socket is one that was
 * checked when it opened. (Address literals skip `lookup`; the client checks those itself.)
 */
export function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    allowedAddresses(hostname, policy).then(
      (all) => {
        const wanted =
          options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (!wanted.length)
          return callback(new OutboundError('DNS_FAILED', `${hostname} has no IPv${options.family} address`), '', 0);
        if (options.all) return (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
}
