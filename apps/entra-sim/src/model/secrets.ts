import { createHash, timingSafeEqual } from 'node:crypto';

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Constant-time against each stored hash; every hash is compared whatever the outcome. */
export function secretMatches(secret: string, hashes: string[]): boolean {
  const h = Buffer.from(hashSecret(secret), 'hex');
  let ok = false;
  for (const stored of hashes) if (timingSafeEqual(h, Buffer.from(stored, 'hex'))) ok = true;
  return ok;
}
