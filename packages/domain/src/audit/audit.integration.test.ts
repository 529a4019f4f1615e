import { randomBytes } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { appendAuditEvent } from './append-audit-event.ts';
import { verifyAuditChain } from '../audit-review/verify-audit-chain.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

async function tenantWithLog(entries = 5) {
  const t = await seedTenant(deps);
  for (let i = 0; i < entries; i++) {
    await db
      .transaction()
      .execute((trx) =>
        appendAuditEvent(
          { ...deps, db: trx },
          { tenantId: t.id, action: 'test.event', data: { i, nested: { b: 1, a: [1, 'x'] } } },
        ),
      );
  }
  return t;
}

describe('audit chain', () => {
  it('verifies an intact chain, including concurrent appends', async () => {
    const t = await tenantWithLog(3);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db
          .transaction()
          .execute((trx) =>
            appendAuditEvent({ ...deps, db: trx }, { tenantId: t.id, action: 'parallel', data: { i } }),
          ),
      ),
    );
    const v = await verifyAuditChain(deps, { tenantId: t.id });
    expect(v).toMatchObject({ ok: true, checked: 14, headSeq: 14, problems: [] });
  });

  it('names an edited entry', async () => {
    const t = await tenantWithLog();
    await sql`update audit_events set data = '{"i": 99}' where tenant_id = ${t.id} and seq = 3`.execute(db);
    const v = await verifyAuditChain(deps, { tenantId: t.id });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([expect.objectContaining({ kind: 'changed', seq: 3 })]);
  });

  it('names a removed entry in the middle and at the end', async () => {
    const t = await tenantWithLog();
    await sql`delete from audit_events where tenant_id = ${t.id} and seq = 2`.execute(db);
    expect((await verifyAuditChain(deps, { tenantId: t.id })).problems).toEqual([
      expect.objectContaining({ kind: 'missing', seq: 2 }),
    ]);
    const u = await tenantWithLog();
    await sql`delete from audit_events where tenant_id = ${u.id} and seq = 6`.execute(db);
    expect((await verifyAuditChain(deps, { tenantId: u.id })).problems).toEqual([
      expect.objectContaining({ kind: 'truncated', seq: 6 }),
    ]);
  });

  it('names reordered entries', async () => {
    const t = await tenantWithLog();
    await sql`update audit_events set seq = -seq where tenant_id = ${t.id} and seq in (3, 4)`.execute(db);
    await sql`update audit_events set seq = case when seq = -3 then 4 else 3 end where tenant_id = ${t.id} and seq in (-3, -4)`.execute(
      db,
    );
    const v = await verifyAuditChain(deps, { tenantId: t.id });
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.seq)).toContain(3);
  });

  it('cannot be re-forged without the master key', async () => {
    const t = await tenantWithLog(2);
    const otherKeyDeps = testDeps(db, undefined, randomBytes(32));
    expect((await verifyAuditChain(otherKeyDeps, { tenantId: t.id })).ok).toBe(false);
  });

  it('records the actor of every change', async () => {
    const t = await seedTenant(deps);
    await seedMember(deps, t.id, 'admin', 'ann@x.test');
    const rows = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_type', 'actor_label'])
      .where('tenant_id', '=', t.id)
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { action: 'tenant.created', actor_type: 'operator', actor_label: 'seed' },
      { action: 'member.added', actor_type: 'operator', actor_label: 'seed' },
    ]);
  });
});
