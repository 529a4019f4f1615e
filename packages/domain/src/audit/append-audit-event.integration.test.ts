import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../audit-review/verify-audit-chain.ts';
import { seedTenant, testDeps } from '../testing/fixtures.ts';
import { appendAuditEvent } from './append-audit-event.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

type Append = typeof appendAuditEvent;
const append = (fn: Append, tenantId: string, action: string) =>
  db.transaction().execute((trx) => fn({ ...deps, db: trx }, { tenantId, action, data: { action } }));

/** A second copy of the module: its own remembered heads, as in another process. */
async function otherProcess(): Promise<Append> {
  vi.resetModules();
  return (await import('./append-audit-event.ts')).appendAuditEvent;
}

// Decision 050: an append continues from the head this process moved last, in one statement, and
// falls back to locking the head when that guess is stale. The chain must stay whole either way.
describe('appendAuditEvent: continuing from the remembered head', () => {
  it('takes the one-statement path when this process moved the head last, the locked path otherwise', async () => {
    const t = await seedTenant(deps);
    const other = await otherProcess();
    /** How many times the append read the head with a lock (selectFrom on its transaction). */
    const lockedReads = (fn: Append, action: string) =>
      db.transaction().execute(async (trx) => {
        const spy = vi.spyOn(trx, 'selectFrom');
        await fn({ ...deps, db: trx }, { tenantId: t.id, action });
        return spy.mock.calls.length;
      });
    // seedTenant appended 'tenant.created' through this module: its head is remembered.
    expect(await lockedReads(appendAuditEvent, 'a')).toBe(0);
    expect(await lockedReads(appendAuditEvent, 'b')).toBe(0);
    expect(await lockedReads(other, 'c')).toBe(1);
    expect(await lockedReads(appendAuditEvent, 'd')).toBe(1); // stale: tried, then locked
    expect(await lockedReads(appendAuditEvent, 'e')).toBe(0);
    expect(await verifyAuditChain(deps, { tenantId: t.id })).toMatchObject({ ok: true, checked: 6, headSeq: 6 });
  });

  it('falls back when another process moved the head', async () => {
    const t = await seedTenant(deps);
    const other = await otherProcess();
    for (let i = 0; i < 3; i++) {
      await append(appendAuditEvent, t.id, `here.${i}`);
      await append(appendAuditEvent, t.id, `here.again.${i}`);
      await append(other, t.id, `there.${i}`);
    }
    expect(await verifyAuditChain(deps, { tenantId: t.id })).toMatchObject({ ok: true, checked: 10, headSeq: 10 });
  });

  it('falls back after a rolled-back append (the remembered head never committed)', async () => {
    const t = await seedTenant(deps);
    await append(appendAuditEvent, t.id, 'first');
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAuditEvent({ ...deps, db: trx }, { tenantId: t.id, action: 'rolled.back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await append(appendAuditEvent, t.id, 'second');
    const v = await verifyAuditChain(deps, { tenantId: t.id });
    expect(v).toMatchObject({ ok: true, checked: 3, headSeq: 3 });
    const actions = await db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', t.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['tenant.created', 'first', 'second']);
  });

  it('keeps one chain under concurrent appends from two processes, several entries at a time', async () => {
    const t = await seedTenant(deps);
    const other = await otherProcess();
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        db.transaction().execute((trx) =>
          (i % 3 ? appendAuditEvent : other)({ ...deps, db: trx }, [
            { tenantId: t.id, action: `p.${i}.a` },
            { tenantId: t.id, action: `p.${i}.b`, data: { nested: { z: 1, a: [i] } } },
          ]),
        ),
      ),
    );
    expect(await verifyAuditChain(deps, { tenantId: t.id })).toMatchObject({ ok: true, checked: 33, headSeq: 33 });
  });
});
