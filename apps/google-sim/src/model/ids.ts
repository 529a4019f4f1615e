import { createHash, randomBytes } from 'node:crypto';

const digest = (parts: (string | number)[]) => createHash('sha256').update(parts.join(':')).digest();

/**
 * A Google account id (the Directory user `id` and the OIDC `sub`): 21 decimal digits starting
 * with 1. Seeded ones come from `parts` and are the same on every start; others are random.
 */
export function accountId(...parts: (string | number)[]): string {
  const bytes = parts.length ? digest(parts) : randomBytes(32);
  return `1${BigInt(`0x${bytes.subarray(0, 9).toString('hex')}`)
    .toString()
    .padStart(20, '0')
    .slice(-20)}`;
}

/** A lower-case base-36 id of `length` characters (group ids, org unit ids, policy names). */
export function shortId(length: number, ...parts: (string | number)[]): string {
  const bytes = parts.length ? digest(parts) : randomBytes(32);
  return BigInt(`0x${bytes.toString('hex')}`)
    .toString(36)
    .slice(0, length)
    .padStart(length, '0');
}

/** A decimal id of `length` digits (role ids, role assignment ids). */
export function numericId(length: number, ...parts: (string | number)[]): string {
  const bytes = parts.length ? digest(parts) : randomBytes(32);
  return `${1 + (bytes[0]! % 9)}${BigInt(`0x${bytes.subarray(1, 16).toString('hex')}`)
    .toString()
    .padStart(length, '0')
    .slice(-(length - 1))}`;
}

/** An opaque random token (access tokens, codes). */
export const opaque = (prefix: string, bytes = 24) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** The etag Google puts on every resource: a quoted string that changes with the content. */
export function etagOf(value: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27)}/${createHash('md5').update(JSON.stringify(value)).digest('base64url').slice(0, 27)}"`;
}
