import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { deactivateMember } from '../members/deactivate-member.ts';
import { setMemberRole } from '../members/set-member-role.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { authenticateApiToken } from './authenticate-api-token.ts';
import { createApiToken } from './create-api-token.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { revokeApiToken } from './revoke-api-token.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const as = (tenantId: string, m: Parameters<typeof memberActor>[1], via: 'test' | 'api_token' = 'test') => ({
  ...deps,
  actor: { ...memberActor(tenantId, m), via },
});

describe('API tokens', () => {
  it('are bfy_ tokens stored as hashes, shown once, and resolve to their owner', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'admin');
    const created = await createApiToken(as(t.id, m), t.id, { name: 'exporter' });
    expect(created.token).toMatch(/^bfy_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: 'exporter',
      role: 'admin',
      expiresAt: null,
      prefix: created.token.slice(0, 10),
    });
    const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.token_hash.toString('hex')).not.toContain(Buffer.from(created.token).toString('hex'));
    expect(await authenticateApiToken(deps, created.token)).toMatchObject({
      tenantId: t.id,
      memberId: m.id,
      role: 'admin',
      tokenId: created.id,
    });
    expect(await authenticateApiToken(deps, `${created.token}x`)).toBeNull();
    expect(await authenticateApiToken(deps, 'bfyss_not-a-token')).toBeNull();
    const listed = await listApiTokens(as(t.id, m), t.id);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    await expect(createApiToken(as(t.id, m), t.id, { name: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { name: 'must be at most 100 characters' },
    });
    expect(await listApiTokens(as(t.id, m), t.id)).toHaveLength(1);
  });

  it('never carry more than the owner, and narrow when the owner is demoted', async () => {
    const t = await seedTenant(deps);
    await seedMember(deps, t.id, 'super_admin');
    const m = await seedMember(deps, t.id, 'admin');
    await expect(createApiToken(as(t.id, m), t.id, { name: 'x', role: 'super_admin' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const low = await createApiToken(as(t.id, m), t.id, { name: 'reader', role: 'auditor' });
    const full = await createApiToken(as(t.id, m), t.id, { name: 'full' });
    expect((await authenticateApiToken(deps, low.token))?.role).toBe('auditor');
    await setMemberRole(deps, t.id, { memberId: m.id, role: 'read_only' });
    expect((await authenticateApiToken(deps, full.token))?.role).toBe('read_only');
    expect((await authenticateApiToken(deps, low.token))?.role).toBe('read_only');
  });

  it('expire, and write last_used_at at most once a minute', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'read_only');
    const k = await createApiToken(as(t.id, m), t.id, { name: 'short', expiresInDays: 1 });
    const at = (ms: number) => ({ ...deps, clock: () => new Date(Date.now() + ms) });
    const lastUsed = async () =>
      (await db.selectFrom('api_tokens').select('last_used_at').where('id', '=', k.id).executeTakeFirstOrThrow())
        .last_used_at;
    await authenticateApiToken(deps, k.token);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await authenticateApiToken(at(30_000), k.token);
    expect(await lastUsed()).toEqual(first);
    await authenticateApiToken(at(61_000), k.token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(first!.getTime());
    expect(await authenticateApiToken(at(86_400_000 + 1_000), k.token)).toBeNull();
    expect((await listApiTokens(at(86_400_000 + 1_000), t.id, { memberId: m.id }))[0]?.expired).toBe(true);
  });

  it('are revoked by their owner only, and all end when the owner is deactivated', async () => {
    const t = await seedTenant(deps);
    await seedMember(deps, t.id, 'super_admin');
    const m = await seedMember(deps, t.id, 'backup_operator');
    const other = await seedMember(deps, t.id, 'admin');
    const a = await createApiToken(as(t.id, m), t.id, { name: 'a' });
    const b = await createApiToken(as(t.id, m), t.id, { name: 'b' });
    await expect(revokeApiToken(as(t.id, other), t.id, { tokenId: a.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeApiToken(as(t.id, m), t.id, { tokenId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await revokeApiToken(as(t.id, m), t.id, { tokenId: a.id })).toMatchObject({ revoked: true });
    expect(await authenticateApiToken(deps, a.token)).toBeNull();
    expect(await authenticateApiToken(deps, b.token)).not.toBeNull();
    await deactivateMember(deps, t.id, { memberId: m.id });
    expect(await authenticateApiToken(deps, b.token)).toBeNull();
  });

  it('cannot be minted with a token, for someone else, or across tenants', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'admin');
    const other = await seedMember(deps, t.id, 'read_only');
    await expect(createApiToken(as(t.id, m, 'api_token'), t.id, { name: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(createApiToken(as(t.id, m), t.id, { name: 'x', member: other.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const t2 = await seedTenant(deps);
    await expect(createApiToken(as(t.id, m), t2.id, { name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A member of another tenant cannot revoke this tenant's token, even knowing its id.
    const mine = await createApiToken(as(t.id, m), t.id, { name: 'mine' });
    const boss2 = await seedMember(deps, t2.id, 'super_admin');
    await expect(revokeApiToken(as(t2.id, boss2), t2.id, { tokenId: mine.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await authenticateApiToken(deps, mine.token)).not.toBeNull();
    // The operator (CLI) mints for anyone, by email, capped at their role.
    const byCli = await createApiToken(deps, t.id, { name: 'cli', member: other.email });
    expect(byCli).toMatchObject({ role: 'read_only', ownerEmail: other.email });
  });
});
