import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../deps.ts';
import { seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { listAuditEvents } from './list-audit-events.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

async function append(tenantId: string, actor: Actor, action: string, at: string) {
  await db
    .transaction()
    .execute((trx) => appendAuditEvent({ ...deps, db: trx, actor, clock: () => new Date(at) }, { tenantId, action }));
}

/** A tenant whose log has a named member, an unnamed one, SCIM and the system acting on three days. */
async function tenantWithActors() {
  const t = await seedTenant(deps);
  const ann = await seedMember(deps, t.id, 'admin');
  await db.updateTable('members').set({ display_name: 'Ann Example' }).where('id', '=', ann.id).execute();
  const bob = await seedMember(deps, t.id, 'auditor');
  await db
    .updateTable('members')
    .set({ given_name: 'Bob', family_name: '100% Real_Name' })
    .where('id', '=', bob.id)
    .execute();
  const asMember = (m: { id: string; email: string }, role: 'admin' | 'auditor'): Actor => ({
    kind: 'member',
    tenantId: t.id,
    memberId: m.id,
    role,
    label: m.email,
    via: 'test',
  });
  await append(t.id, asMember(ann, 'admin'), 'member.role_changed', '2026-03-01T10:00:00Z');
  await append(t.id, asMember(bob, 'auditor'), 'evidence.exported', '2026-03-02T10:00:00Z');
  await append(
    t.id,
    { kind: 'scim', tenantId: t.id, tokenId: '00000000-0000-4000-8000-000000000001', label: 'Okta SCIM' },
    'member.deactivated',
    '2026-03-02T12:00:00Z',
  );
  await append(t.id, { kind: 'system', label: 'scheduler' }, 'backup.started', '2026-03-03T10:00:00Z');
  return { t, ann, bob };
}

const actions = (r: Awaited<ReturnType<typeof listAuditEvents>>) => r.items.map((i) => i.action);

describe('listAuditEvents filters', () => {
  it("names member actors by their name, others by the entry's label", async () => {
    const { t, ann } = await tenantWithActors();
    const all = await listAuditEvents(deps, t.id, { action: 'member.role' });
    expect(all.items).toEqual([
      expect.objectContaining({ actor: { type: 'member', id: ann.id, label: ann.email, name: 'Ann Example' } }),
    ]);
    const scim = await listAuditEvents(deps, t.id, { action: 'member.deactivated' });
    expect(scim.items[0]?.actor).toMatchObject({ type: 'scim', label: 'Okta SCIM', name: null });
  });

  it('filters by actor name, email or label, case-insensitively, with LIKE characters taken literally', async () => {
    const { t, bob } = await tenantWithActors();
    expect(actions(await listAuditEvents(deps, t.id, { actor: 'ann ex' }))).toEqual(['member.role_changed']);
    expect(actions(await listAuditEvents(deps, t.id, { actor: bob.email.toUpperCase() }))).toEqual([
      'evidence.exported',
    ]);
    expect(actions(await listAuditEvents(deps, t.id, { actor: 'bob 100% real_' }))).toEqual(['evidence.exported']);
    expect(actions(await listAuditEvents(deps, t.id, { actor: 'okta scim' }))).toEqual(['member.deactivated']);
    // `%` and `_` match themselves only: not every actor.
    expect(actions(await listAuditEvents(deps, t.id, { actor: '%' }))).toEqual(['evidence.exported']);
    expect(actions(await listAuditEvents(deps, t.id, { actor: '_' }))).toEqual(['evidence.exported']);
  });

  it('filters by action prefix and time range, newest first, and pages within the filter', async () => {
    const { t } = await tenantWithActors();
    // Seeding the members wrote member.added entries today; March holds only the actors' own.
    const march = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    expect(actions(await listAuditEvents(deps, t.id, { ...march, action: 'member.' }))).toEqual([
      'member.deactivated',
      'member.role_changed',
    ]);
    expect(actions(await listAuditEvents(deps, t.id, { action: 'member.' }))).toContain('member.added');
    const day2 = await listAuditEvents(deps, t.id, { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' });
    expect(actions(day2)).toEqual(['member.deactivated', 'evidence.exported']);
    const first = await listAuditEvents(deps, t.id, { ...march, limit: 2 });
    expect(actions(first)).toEqual(['backup.started', 'member.deactivated']);
    const second = await listAuditEvents(deps, t.id, { ...march, limit: 2, beforeSeq: first.nextBeforeSeq });
    expect(actions(second)).toEqual(['evidence.exported', 'member.role_changed']);
    expect(second.nextBeforeSeq).toBeUndefined();
  });

  it('refuses a range that ends before it starts, and stays inside the tenant', async () => {
    const { t } = await tenantWithActors();
    await expect(
      listAuditEvents(deps, t.id, { from: '2026-03-03T00:00:00Z', to: '2026-03-02T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const other = await seedTenant(deps);
    expect(
      actions(await listAuditEvents(deps, other.id, { action: 'member.' })).filter((a) => a !== 'member.added'),
    ).toEqual([]);
    expect(actions(await listAuditEvents(deps, other.id, { actor: 'Ann Example' }))).toEqual([]);
  });
});
