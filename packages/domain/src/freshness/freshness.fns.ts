import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Decision 048: event-driven freshness. A connection with it on is polled (Okta's System Log, since a
 * cursor) every BUTTERFLY_FRESHNESS_POLL_SECONDS, and sooner when its Okta event hook calls; each
 * poll snapshots just the objects the new events name.
 */

/** Where Okta's event hook for a connection posts (the web app's receiver). */
export const eventHookPath = (connectionId: string) => `/hooks/okta/${connectionId}`;

/** The queue key of a connection's periodic poll: one queued at a time. */
export const pollJobKey = (connectionId: string) => `freshness:poll:${connectionId}`;
/** The queue key of a poll an event hook asked for: a burst of hook calls joins one job. */
export const hookJobKey = (connectionId: string) => `freshness:hook:${connectionId}`;

/** How long one poll holds its connection's lease (a poll that dies is taken over after it). */
export const POLL_LEASE_MS = 5 * 60 * 1000;

/** Okta sends the hook's secret as the value of the header the admin names; we name `Authorization`. */
export const HOOK_SECRET_HEADER = 'Authorization';

/** A new hook secret: shown once, stored only as its SHA-256. */
export const newHookSecret = () => `bfh_${randomBytes(32).toString('base64url')}`;

export const hashHookSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** Whether a presented secret is the one whose hash is stored, in constant time. */
export function hookSecretMatches(presented: string | null | undefined, stored: Buffer | null | undefined): boolean {
  if (stored?.length !== 32) return false;
  // Hashed first, so the comparison is always of 32 bytes whatever was presented.
  const given = hashHookSecret(presented ?? '');
  return timingSafeEqual(given, stored) && !!presented;
}
