import { createHmac, randomBytes } from 'node:crypto';

/**
 * The one source of every identifier, secret and generated password in the simulator.
 *
 * With a seed, the n-th value drawn for a label is HMAC(seed, label:n): `--seed 1` rebuilds the same
 * user ids, client secrets and demo passwords on every start, so credentials printed by one run (or
 * written into a demo script) stay valid after a restart. Without a seed, values are crypto-random.
 * Counters are per label, so adding a new kind of value does not shift the existing ones.
 */
export interface IdSource {
  bytes(label: string, length: number): Buffer;
  /** How many values each label has drawn (seeded sources only): what a saved state must carry on. */
  counters(): Record<string, number>;
}

/** `counters`: where a saved state left off, so values drawn after a restart are new ones. */
export function createIdSource(seed?: string, counted: Record<string, number> = {}): IdSource {
  if (seed === undefined) return { bytes: (_label, length) => randomBytes(length), counters: () => ({}) };
  const counters = new Map<string, number>(Object.entries(counted));
  return {
    counters: () => Object.fromEntries(counters),
    bytes(label, length) {
      const n = counters.get(label) ?? 0;
      counters.set(label, n + 1);
      const out: Buffer[] = [];
      for (let block = 0; out.length * 32 < length; block++) {
        out.push(createHmac('sha256', `okta-sim:${seed}`).update(`${label}:${n}:${block}`).digest());
      }
      return Buffer.concat(out).subarray(0, length);
    },
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters (modulo bias is irrelevant for identifiers of a simulator). */
export function base62(ids: IdSource, label: string, length: number): string {
  return [...ids.bytes(label, length)].map((b) => BASE62[b % 62]).join('');
}

/**
 * Okta object ids are 20 characters: a type prefix (`00u` user, `00g` group, `0oa` app, `00p`
 * policy, `0pr` rule, `nzo` zone, `aus` authorization server, …) and base62 characters. The prefix
 * is also the label, so each kind of object has its own deterministic sequence.
 */
export const oktaId = (ids: IdSource, prefix: string) => `${prefix}${base62(ids, prefix, 20 - prefix.length)}`;

export const clientSecret = (ids: IdSource) => ids.bytes('client_secret', 30).toString('base64url');

/** A demo password: readable, typeable, and long enough for any password rule a client might apply. */
export const demoPassword = (ids: IdSource, who: string) => `Sim-${base62(ids, `password:${who}`, 12)}`;
