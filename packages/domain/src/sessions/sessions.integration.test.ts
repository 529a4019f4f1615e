import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { deactivateMember } from '../members/deactivate-member.ts';
import { createRecoveryLink } from '../recovery/create-recovery-link.ts';
import { redeemRecoveryLink } from '../recovery/redeem-recovery-link.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createSession } from './create-session.ts';
import { endSessions } from './end-sessions.ts';
import { listSessions } from './list-sessions.ts';
import { resolveSession } from './resolve-session.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.fns.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const start = (tenantId: string, memberId: string, d = deps) =>
  db.transaction().execute((trx) => createSession({ ...d, db: trx }, { tenantId, memberId, authMethod: 'sso' }));

describe('sessions', () => {
  it('stores only a hash, and resolves the raw id to the member', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'admin');
    const s = await start(t.id, m.id);
    const row = await db.selectFrom('sessions').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.token_hash.toString('hex')).not.toContain(Buffer.from(s.raw).toString('hex'));
    expect(await resolveSession(deps, s.raw)).toMatchObject({ memberId: m.id, role: 'admin' });
    expect(await resolveSession(deps, `${s.raw}x`)).toBeNull();
    expect(await resolveSession(deps, 'garbage')).toBeNull();
  });

  it('ends on idle and absolute expiry', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'admin');
    const s = await start(t.id, m.id);
    const later = (ms: number) => ({ ...deps, clock: () => new Date(Date.now() + ms) });
    expect(await resolveSession(later(SESSION_IDLE_MS - 120_000), s.raw)).not.toBeNull();
    // That request pushed the idle expiry forward.
    expect(await resolveSession(later(SESSION_IDLE_MS + 60_000), s.raw)).not.toBeNull();
    expect(await resolveSession(later(SESSION_ABSOLUTE_MS + 1000), s.raw)).toBeNull();
    expect(await db.selectFrom('sessions').select('id').where('id', '=', s.id).execute()).toEqual([]);
  });

  it('is refused on the first request after the member is deactivated', async () => {
    const t = await seedTenant(deps);
    await seedMember(deps, t.id, 'super_admin');
    const m = await seedMember(deps, t.id, 'auditor');
    const s = await start(t.id, m.id);
    await deactivateMember(deps, t.id, { memberId: m.id });
    expect(await resolveSession(deps, s.raw)).toBeNull();
  });

  it('lists my sessions and signs out everywhere else', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'read_only');
    const [a, b, c] = [await start(t.id, m.id), await start(t.id, m.id), await start(t.id, m.id)];
    const me = { ...deps, actor: memberActor(t.id, m) };
    expect(await listSessions(me, { tenantId: t.id, memberId: m.id })).toHaveLength(3);
    expect(await endSessions(me, { allExcept: a.id })).toEqual({ ended: 2 });
    expect(await resolveSession(deps, b.raw)).toBeNull();
    expect(await resolveSession(deps, c.raw)).toBeNull();
    expect(await resolveSession(deps, a.raw)).not.toBeNull();
    const other = await seedMember(deps, t.id, 'read_only');
    await expect(
      listSessions({ ...deps, actor: memberActor(t.id, other) }, { tenantId: t.id, memberId: m.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('recovery links', () => {
  it('signs an active super_admin in once and only once, within 15 minutes', async () => {
    const t = await seedTenant(deps);
    const boss = await seedMember(deps, t.id, 'super_admin', 'boss@rec.test');
    const link = await createRecoveryLink(deps, t.id, { email: 'boss@rec.test' });
    const results = await Promise.allSettled([
      redeemRecoveryLink(deps, link.token),
      redeemRecoveryLink(deps, link.token),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const ok = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<
      Awaited<ReturnType<typeof redeemRecoveryLink>>
    >;
    expect(await resolveSession(deps, ok.value.session.raw)).toMatchObject({
      memberId: boss.id,
      authMethod: 'recovery',
    });
    await expect(redeemRecoveryLink(deps, link.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const late = await createRecoveryLink(deps, t.id, { email: 'boss@rec.test' });
    await expect(
      redeemRecoveryLink({ ...deps, clock: () => new Date(Date.now() + 16 * 60_000) }, late.token),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const actions = (await db.selectFrom('audit_events').select('action').where('tenant_id', '=', t.id).execute()).map(
      (r) => r.action,
    );
    expect(actions.filter((a) => a === 'recovery_link.created')).toHaveLength(2);
    expect(actions.filter((a) => a === 'recovery_link.used')).toHaveLength(1);
  });

  it('makes exactly one session out of eight concurrent redemptions of one link', async () => {
    const t = await seedTenant(deps);
    const boss = await seedMember(deps, t.id, 'super_admin', 'boss@rec3.test');
    const link = await createRecoveryLink(deps, t.id, { email: 'boss@rec3.test' });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => redeemRecoveryLink(deps, link.token)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'UNAUTHENTICATED' });
    const sessions = await db
      .selectFrom('sessions')
      .select('id')
      .where('member_id', '=', boss.id)
      .where('auth_method', '=', 'recovery')
      .execute();
    expect(sessions).toHaveLength(1);
  });

  it('refuses a link whose member stopped being an active super_admin', async () => {
    const t = await seedTenant(deps);
    await seedMember(deps, t.id, 'super_admin', 'keeper@rec4.test');
    const boss = await seedMember(deps, t.id, 'super_admin', 'boss@rec4.test');
    const link = await createRecoveryLink(deps, t.id, { email: 'boss@rec4.test' });
    await db.updateTable('members').set({ active: false }).where('id', '=', boss.id).execute();
    await expect(redeemRecoveryLink(deps, link.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('is for operators and active super_admins only', async () => {
    const t = await seedTenant(deps);
    const admin = await seedMember(deps, t.id, 'admin', 'admin@rec2.test');
    const boss = await seedMember(deps, t.id, 'super_admin', 'boss@rec2.test');
    await expect(createRecoveryLink(deps, t.id, { email: 'admin@rec2.test' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      createRecoveryLink({ ...deps, actor: memberActor(t.id, boss) }, t.id, { email: 'boss@rec2.test' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(admin.role).toBe('admin');
  });
});
