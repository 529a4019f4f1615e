import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Credentials are 256-bit random values, shown once, stored as SHA-256. A recognisable prefix
 * (`bfy_`, `bfys_`) lets secret scanners and humans tell what a leaked string is.
 */
export function generateSecret(prefix: string): { raw: string; hash: Buffer } {
  const raw = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { raw, hash: hashSecret(raw) };
}

export const hashSecret = (raw: string): Buffer => createHash('sha256').update(raw, 'utf8').digest();

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(raw: string, storedHash: Buffer): boolean {
  const h = hashSecret(raw);
  return h.length === storedHash.length && timingSafeEqual(h, storedHash);
}
