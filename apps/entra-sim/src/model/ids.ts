import { createHash, randomUUID } from 'node:crypto';

/** A GUID in Entra's lower-case 8-4-4-4-12 form from 16 bytes. */
function guidFrom(bytes: Buffer): string {
  const h = bytes.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Ids of one tenant's seed: the same on every start (`guid('users', 7)`), so ids printed in docs and
 * used by other tests stay valid. Objects made through Graph get random ids, as in Entra.
 */
export function seededGuid(...parts: (string | number)[]): string {
  return guidFrom(createHash('sha256').update(parts.join(':')).digest());
}

export const newGuid = (): string => randomUUID();

export const isGuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
