import { randomUUID } from 'node:crypto';
import { createOrderedDb } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../audit-review/verify-audit-chain.ts';
import { verifyDomain } from '../sso/verify-domain.ts';
import { seedTenant, testDeps } from '../testing/fixtures.ts';
import { createScimUser } from './create-scim-user.ts';
import type { ScimDeps } from './types.ts';

const { db, url } = await useTestDatabase();
const deps = testDeps(db);
const orderedDb = createOrderedDb(url);
afterAll(() => orderedDb.destroy());
/** Through one ordered connection (as the SCIM app runs them), or through the pool one at a time. */
let ordered = false;

const scimDeps = (tenantId: string): ScimDeps => ({
  ...deps,
  actor: { kind: 'scim', tenantId, tokenId: randomUUID(), label: 'test token' },
  scim: {
    baseUrl: 'https://butterfly.test/scim/v2',
    parseFilter: () => {
      throw new Error('no filters here');
    },
    ordered: ordered ? orderedDb : undefined,
  },
});

const user = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  active: true,
});

/** Creates the user and says how many transactions it opened (0: the one folded statement). */
async function post(tenantId: string, userName: string) {
  const spy = vi.spyOn(db, 'transaction');
  try {
    const created = await createScimUser(scimDeps(tenantId), user(userName));
    return { created, transactions: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

async function chainOf(tenantId: string) {
  const entries = await db
    .selectFrom('audit_events')
    .select(['action', 'target_id', 'data'])
    .where('tenant_id', '=', tenantId)
    .orderBy('seq')
    .execute();
  const verified = await verifyAuditChain(deps, { tenantId });
  return { entries, verified };
}

/** A second copy of the audit module: its own remembered heads, as in another SCIM process. */
async function otherProcessAppend(tenantId: string, action: string) {
  vi.resetModules();
  const { appendAuditEvent } = await import('../audit/append-audit-event.ts');
  await db.transaction().execute((trx) => appendAuditEvent({ ...deps, db: trx }, { tenantId, action }));
}

// Decision 050: POST /Users is one autocommit statement (foreign-domain check, insert, audit append)
// when this process moved the tenant's audit head last, else the transaction under the head's lock.
describe.each([false, true])('createScimUser folded into one statement (ordered connection: %s)', (viaOrdered) => {
  beforeEach(() => {
    ordered = viaOrdered;
  });

  it('writes the member and its chained member.provisioned entry without a transaction', async () => {
    const t = await seedTenant(deps);
    const a = await post(t.id, 'Ada@Folded.test');
    const b = await post(t.id, 'bob@folded.test');
    expect([a.transactions, b.transactions]).toEqual([0, 0]);
    expect(a.created).toMatchObject({ userName: 'Ada@Folded.test', active: true });
    const row = await db.selectFrom('members').selectAll().where('id', '=', a.created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      tenant_id: t.id,
      user_name: 'Ada@Folded.test',
      role: 'read_only',
      role_source: 'scim',
    });
    const { entries, verified } = await chainOf(t.id);
    expect(verified).toMatchObject({ ok: true, checked: 3, headSeq: 3 });
    expect(entries.slice(1)).toEqual([
      {
        action: 'member.provisioned',
        target_id: a.created.id,
        data: { email: row.email, userName: 'Ada@Folded.test', role: 'read_only', active: true },
      },
      expect.objectContaining({ action: 'member.provisioned', target_id: b.created.id }),
    ]);
  });

  it('answers a duplicate userName 409 uniqueness, writes nothing, and folds the next one again', async () => {
    const t = await seedTenant(deps);
    await post(t.id, 'dup@folded.test');
    await expect(post(t.id, 'DUP@folded.test')).rejects.toMatchObject({ scimType: 'uniqueness' });
    const next = await post(t.id, 'after@folded.test');
    expect(next.transactions).toBe(0);
    const { entries, verified } = await chainOf(t.id);
    expect(verified).toMatchObject({ ok: true, checked: 3 });
    expect(entries.map((e) => e.action)).toEqual(['tenant.created', 'member.provisioned', 'member.provisioned']);
    const members = await db.selectFrom('members').select('user_name').where('tenant_id', '=', t.id).execute();
    expect(members.map((m) => m.user_name).sort()).toEqual(['after@folded.test', 'dup@folded.test']);
  });

  it("refuses an address on another tenant's verified domain, writing nothing and keeping the head", async () => {
    const domain = `victim-${viaOrdered ? 'ordered' : 'pooled'}.test`;
    const victim = await seedTenant(deps, `victim${Date.now().toString(36)}`, [domain]);
    await verifyDomain(deps, victim.id, { domain, method: 'operator' });
    const t = await seedTenant(deps);
    await expect(post(t.id, `ceo@${domain.toUpperCase()}`)).rejects.toMatchObject({
      scimType: 'invalidValue',
      message: expect.stringContaining(domain),
    });
    expect(await db.selectFrom('members').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
    expect((await post(t.id, 'fine@folded.test')).transactions).toBe(0);
    expect((await chainOf(t.id)).verified).toMatchObject({ ok: true, checked: 2 });
  });

  it('rolls the statement back when another process moved the head, and writes the member once under the lock', async () => {
    const t = await seedTenant(deps);
    await post(t.id, 'first@folded.test');
    await otherProcessAppend(t.id, 'elsewhere');
    // Were the guard missing, the folded statement would commit the member unaudited and the
    // transaction's insert would then fail as a duplicate.
    const stale = await post(t.id, 'stale@folded.test');
    expect(stale.transactions).toBe(1);
    expect((await post(t.id, 'then@folded.test')).transactions).toBe(0);
    const { entries, verified } = await chainOf(t.id);
    expect(verified).toMatchObject({ ok: true, checked: 5, headSeq: 5 });
    expect(entries.filter((e) => e.target_id === stale.created.id).map((e) => e.action)).toEqual([
      'member.provisioned',
    ]);
  });

  it('keeps one chain and one entry per member under concurrent POSTs, duplicates and another process', async () => {
    const t = await seedTenant(deps);
    await post(t.id, 'warm@folded.test');
    const names = Array.from({ length: 12 }, (_, i) => `c${i % 9}@folded.test`); // three duplicates
    const results = await Promise.allSettled([
      ...names.map((n) => createScimUser(scimDeps(t.id), user(n))),
      otherProcessAppend(t.id, 'elsewhere.1'),
      otherProcessAppend(t.id, 'elsewhere.2'),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.reason).toMatchObject({ scimType: 'uniqueness' });
    const members = await db.selectFrom('members').select('id').where('tenant_id', '=', t.id).execute();
    expect(members).toHaveLength(10);
    const { entries, verified } = await chainOf(t.id);
    expect(verified).toMatchObject({ ok: true, checked: 13, headSeq: 13 });
    const provisioned = entries.filter((e) => e.action === 'member.provisioned').map((e) => e.target_id);
    expect(provisioned.sort()).toEqual(members.map((m) => m.id).sort());
  });
});
