import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../credentials/tokens.fns.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { addMember } from './add-member.ts';
import { deactivateMember } from './deactivate-member.ts';
import { listMembers } from './list-members.ts';
import { setMemberRole } from './set-member-role.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

describe('members', () => {
  it('adds a member and refuses an unknown role, a malformed email and a duplicate without writing', async () => {
    const t = await seedTenant(deps);
    const ann = await addMember(deps, t.id, { email: 'Ann@Globex.test', role: 'admin' });
    expect(ann).toMatchObject({ email: 'ann@globex.test', role: 'admin', roleSource: 'manual', active: true });
    await expect(addMember(deps, t.id, { email: 'bob@globex.test', role: 'owner' as never })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(addMember(deps, t.id, { email: 'not-an-email', role: 'admin' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(addMember(deps, t.id, { email: 'ANN@globex.test', role: 'auditor' })).rejects.toMatchObject({
      code: 'MEMBER_EXISTS',
    });
    expect(await listMembers(deps, t.id)).toHaveLength(1);
  });

  it('lets admins manage roles below super_admin only, and records denials', async () => {
    const t = await seedTenant(deps);
    const boss = await seedMember(deps, t.id, 'super_admin');
    const admin = await seedMember(deps, t.id, 'admin');
    const ro = await seedMember(deps, t.id, 'read_only');
    const asAdmin = { ...deps, actor: memberActor(t.id, admin) };
    expect(await setMemberRole(asAdmin, t.id, { memberId: ro.id, role: 'auditor' })).toMatchObject({ role: 'auditor' });
    await expect(setMemberRole(asAdmin, t.id, { memberId: ro.id, role: 'super_admin' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(setMemberRole(asAdmin, t.id, { memberId: boss.id, role: 'read_only' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const asRo = { ...deps, actor: memberActor(t.id, { ...ro, role: 'read_only' }) };
    await expect(setMemberRole(asRo, t.id, { memberId: admin.id, role: 'read_only' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const denials = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', t.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denials).toHaveLength(3);
  });

  it('answers NOT_FOUND for members of another tenant', async () => {
    const a = await seedTenant(deps);
    const b = await seedTenant(deps);
    const adminA = await seedMember(deps, a.id, 'admin');
    const victim = await seedMember(deps, b.id, 'read_only');
    const asA = { ...deps, actor: memberActor(a.id, adminA) };
    await expect(setMemberRole(asA, a.id, { memberId: victim.id, role: 'auditor' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(listMembers(asA, b.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never demotes or deactivates the last active super_admin, even concurrently', async () => {
    const t = await seedTenant(deps);
    const s1 = await seedMember(deps, t.id, 'super_admin');
    const s2 = await seedMember(deps, t.id, 'super_admin');
    const results = await Promise.allSettled([
      setMemberRole(deps, t.id, { memberId: s1.id, role: 'admin' }),
      setMemberRole(deps, t.id, { memberId: s2.id, role: 'admin' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'LAST_SUPER_ADMIN' } });
    const last = (await listMembers(deps, t.id)).find((m) => m.role === 'super_admin')!;
    await expect(deactivateMember(deps, t.id, { memberId: last.id })).rejects.toMatchObject({
      code: 'LAST_SUPER_ADMIN',
    });
    const refusals = await db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', t.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(refusals.map((r) => r.action).sort()).toEqual(['member.deactivated', 'member.role_changed']);
  });

  it('changes a member who is not a super_admin without waiting on the super_admins (their rows held elsewhere)', async () => {
    const t = await seedTenant(deps);
    const boss = await seedMember(deps, t.id, 'super_admin');
    const m = await seedMember(deps, t.id, 'backup_operator');
    const other = await seedMember(deps, t.id, 'super_admin');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    // Another transaction holds every super_admin row, as a concurrent demotion of one would.
    const holder = db.transaction().execute(async (trx) => {
      await trx.selectFrom('members').select('id').where('id', 'in', [boss.id, other.id]).forUpdate().execute();
      locked();
      await held;
    });
    await lockTaken;
    try {
      const outcome = await Promise.race([
        Promise.all([
          setMemberRole(deps, t.id, { memberId: m.id, role: 'auditor' }),
          deactivateMember(deps, t.id, { memberId: m.id }),
        ]).then(() => 'done'),
        new Promise((r) => setTimeout(() => r('blocked'), 3_000)),
      ]);
      expect(outcome).toBe('done');
      // A super_admin's change does wait: it must count the others.
      const demotion = setMemberRole(deps, t.id, { memberId: other.id, role: 'admin' });
      const early = await Promise.race([
        demotion.then(() => 'done'),
        new Promise((r) => setTimeout(() => r('waiting'), 500)),
      ]);
      expect(early).toBe('waiting');
      release();
      expect(await demotion).toMatchObject({ role: 'admin' });
    } finally {
      release();
      await holder;
    }
  });

  it('keeps SCIM-managed roles read-only', async () => {
    const t = await seedTenant(deps);
    const m = await seedMember(deps, t.id, 'auditor');
    await db.updateTable('members').set({ role_source: 'scim' }).where('id', '=', m.id).execute();
    await expect(setMemberRole(deps, t.id, { memberId: m.id, role: 'admin' })).rejects.toMatchObject({
      code: 'ROLE_MANAGED_BY_SCIM',
    });
  });

  it('deactivation ends every credential and bumps the token epoch in the same transaction', async () => {
    const t = await seedTenant(deps);
    await seedMember(deps, t.id, 'super_admin');
    const m = await seedMember(deps, t.id, 'backup_operator');
    const other = await seedMember(deps, t.id, 'read_only');
    const future = new Date(Date.now() + 3600_000);
    for (const who of [m, other]) {
      await db
        .insertInto('sessions')
        .values({
          tenant_id: t.id,
          member_id: who.id,
          token_hash: hashSecret(`s-${who.id}`),
          idle_expires_at: future,
          expires_at: future,
        })
        .execute();
      await db
        .insertInto('refresh_tokens')
        .values({
          tenant_id: t.id,
          member_id: who.id,
          client_id: 'butterfly-extension',
          token_hash: hashSecret(`r-${who.id}`),
          family_id: crypto.randomUUID(),
          expires_at: future,
        })
        .execute();
      await db
        .insertInto('api_tokens')
        .values({
          tenant_id: t.id,
          member_id: who.id,
          name: 'ci',
          prefix: 'bfy_abcd',
          token_hash: hashSecret(`a-${who.id}`),
        })
        .execute();
    }
    const before = await db
      .selectFrom('members')
      .select('token_epoch')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(await deactivateMember(deps, t.id, { memberId: m.id })).toMatchObject({ active: false });
    for (const table of ['sessions', 'refresh_tokens', 'api_tokens'] as const) {
      const rows = await db.selectFrom(table).select('member_id').where('tenant_id', '=', t.id).execute();
      expect(rows.map((r) => r.member_id)).toEqual([other.id]);
    }
    const after = await db.selectFrom('members').select('token_epoch').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(after.token_epoch).toBe(before.token_epoch + 1);
  });
});
