import { createHash } from 'node:crypto';
import type { Logger } from '@butterfly/config';
import { type NotificationListener, listenForNotifications } from '@butterfly/db';

/** What an authenticated SCIM bearer token stands for. */
export interface ScimTokenIdentity {
  tokenId: string;
  tenantId: string;
  label: string;
}

export interface ScimTokenCache {
  /** The identity behind `raw`: from the cache when fresh, else from `lookup` (and cached if found). */
  authenticate(raw: string, lookup: () => Promise<ScimTokenIdentity | null>): Promise<ScimTokenIdentity | null>;
  /** Drops the entries of this token, or every entry. */
  invalidate(tokenId?: string): void;
  readonly size: number;
  /** LISTEN is in effect: the cache serves hits. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/** Channel the scim_tokens trigger notifies (migration 20261210020000): payload = the token's id. */
export const SCIM_TOKENS_CHANNEL = 'scim_tokens_changed';

/**
 * Decision 050: authenticated SCIM tokens are remembered for `ttlMs` (5 s), keyed by the token's
 * SHA-256, so a burst from an IdP costs one token lookup, not one per request. A token that is
 * revoked, deleted or changed is dropped at once, on the NOTIFY its trigger sends at commit. While
 * the LISTEN connection is down nothing is served from the cache (every request looks the token up),
 * and everything cached is dropped when it is lost and again when it is back: notifications sent
 * meanwhile were missed. Failed lookups are never cached (they go to the failed-authentication limit).
 */
export function createScimTokenCache(opts: {
  url: string;
  log: Logger;
  ttlMs?: number;
  maxEntries?: number;
}): ScimTokenCache {
  const ttlMs = opts.ttlMs ?? 5000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, { identity: ScimTokenIdentity; until: number }>();
  // Bumped by every invalidation: a lookup that was under way when one arrived may have read the
  // row before the change committed, so its answer is used once but not cached.
  let generation = 0;

  const invalidate = (tokenId?: string) => {
    generation++;
    if (!tokenId) return entries.clear();
    for (const [key, e] of entries) if (e.identity.tokenId === tokenId) entries.delete(key);
  };

  const listener: NotificationListener = listenForNotifications(opts.url, SCIM_TOKENS_CHANNEL, {
    onNotify: (payload) => invalidate(payload || undefined),
    onState: (listening, err) => {
      invalidate();
      if (listening) opts.log.info('SCIM token cache on (listening for token changes)');
      else opts.log.warn({ err }, 'SCIM token cache off until the LISTEN connection is back');
    },
  });

  return {
    async authenticate(raw, lookup) {
      const key = createHash('sha256').update(raw).digest('base64');
      const now = performance.now();
      const hit = listener.listening ? entries.get(key) : undefined;
      if (hit && hit.until > now) return hit.identity;
      if (hit) entries.delete(key);
      const seen = generation;
      const identity = await lookup();
      if (identity && listener.listening && generation === seen) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, { identity, until: now + ttlMs });
      }
      return identity;
    },
    invalidate,
    get size() {
      return entries.size;
    },
    get listening() {
      return listener.listening;
    },
    close: () => listener.close(),
  };
}
