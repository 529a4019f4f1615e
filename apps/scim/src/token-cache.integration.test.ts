import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { createScimToken, revokeScimToken } from '@butterfly/domain/scim';
import { describe, expect, it, vi } from 'vitest';
import { oktaUser, useScimServer } from './testing/harness.ts';
import { createScimTokenCache } from './token-cache.ts';

// A minute: longer than any test here, so a token that stops working was dropped by the NOTIFY of
// its change, not by the cache's lifetime.
const { db, url, deps, tenant, request, tokens } = await useScimServer({ tokenCacheTtlMs: 60_000 });
const cache = tokens!;

/** Asks with the token until it is refused: the first request normally; NOTIFY is asynchronous. */
async function refusedWithin(ms: number, ask: () => Promise<{ status: number }>) {
  const t = performance.now();
  await vi.waitFor(async () => expect((await ask()).status).toBe(401), { timeout: ms, interval: 5 });
  return performance.now() - t;
}

describe('SCIM token cache (decision 050)', () => {
  it('serves a token from the cache once looked up, and only the tenant it belongs to', async () => {
    const a = await tenant();
    const b = await tenant();
    const alice = (await a.as('POST', '/Users', oktaUser('alice@a-cache.test'))).body;
    const bob = (await b.as('POST', '/Users', oktaUser('bob@b-cache.test'))).body;
    for (let i = 0; i < 3; i++) {
      // Interleaved, both cached: each token still selects its own tenant.
      expect((await a.as('GET', `/Users/${alice.id}`)).status).toBe(200);
      expect((await b.as('GET', `/Users/${alice.id}`)).status).toBe(404);
      expect((await b.as('GET', `/Users/${bob.id}`)).status).toBe(200);
      expect((await a.as('GET', `/Users/${bob.id}`)).status).toBe(404);
      const listed = (await a.as('GET', '/Users?count=200')).body.Resources.map((u: { id: string }) => u.id);
      expect(listed).toContain(alice.id);
      expect(listed).not.toContain(bob.id);
    }
    expect(cache.size).toBeGreaterThanOrEqual(2);
    // Served from memory: revoked with the trigger skipped (session_replication_role, in this
    // transaction only), so no NOTIFY tells the cache; a lookup would refuse it, the cache does not.
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = 'replica'`.execute(trx);
      await trx.updateTable('scim_tokens').set({ revoked_at: new Date() }).where('id', '=', a.tokenId).execute();
    });
    expect((await a.as('GET', `/Users/${alice.id}`)).status).toBe(200);
  });

  it('refuses a revoked token at once, not after the cache lifetime, and only that token', async () => {
    const t = await tenant();
    const other = await tenant();
    expect((await t.as('GET', '/Users')).status).toBe(200);
    expect((await other.as('GET', '/Users')).status).toBe(200);
    await revokeScimToken(deps, t.id, { tokenId: t.tokenId });
    expect(await refusedWithin(2000, () => t.as('GET', '/Users'))).toBeLessThan(2000);
    expect((await other.as('GET', '/Users')).status).toBe(200);
  });

  it('refuses a deleted token at once', async () => {
    const t = await tenant();
    expect((await t.as('GET', '/Users')).status).toBe(200);
    await db.deleteFrom('scim_tokens').where('id', '=', t.tokenId).execute();
    await refusedWithin(2000, () => t.as('GET', '/Users'));
  });

  it('rotation: the new token works, the old one stops at its revocation', async () => {
    const t = await tenant();
    expect((await t.as('GET', '/Users')).status).toBe(200);
    const next = await createScimToken(deps, t.id, { label: 'Okta (rotated)' });
    const asNext = () => request('GET', '/scim/v2/Users', { token: next.token });
    expect((await asNext()).status).toBe(200);
    expect((await t.as('GET', '/Users')).status).toBe(200);
    await revokeScimToken(deps, t.id, { tokenId: t.tokenId });
    await refusedWithin(2000, () => t.as('GET', '/Users'));
    expect((await asNext()).status).toBe(200);
  });

  it('does not cache an answer read while a change of that token was being announced', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const identity = { tokenId: 't1', tenantId: 'x', label: 'l' };
    const pending = cache.authenticate('bfys_race', async () => {
      await gate;
      return identity;
    });
    cache.invalidate('t1');
    release();
    expect(await pending).toEqual(identity);
    // Not cached: the next call looks up again.
    const lookup = vi.fn(async () => null);
    expect(await cache.authenticate('bfys_race', lookup)).toBeNull();
    expect(lookup).toHaveBeenCalledOnce();
  });

  it('serves nothing from memory while not listening', async () => {
    const local = createScimTokenCache({ url, log: createLogger('scim-test', 'silent'), ttlMs: 60_000 });
    await vi.waitUntil(() => local.listening, { timeout: 10_000 });
    const identity = { tokenId: 't2', tenantId: 'x', label: 'l' };
    await local.authenticate('bfys_offline', async () => identity);
    expect(local.size).toBe(1);
    await local.close();
    const lookup = vi.fn(async () => null);
    expect(await local.authenticate('bfys_offline', lookup)).toBeNull();
    expect(lookup).toHaveBeenCalledOnce();
  });
});
