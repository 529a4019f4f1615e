import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../db.fns.ts';
import { seedTenant, testDeps } from '../testing/fixtures.ts';
import { insertMember } from './insert-member.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

describe('insertMember', () => {
  it('writes the row with its source as role source, and one audit entry per way in, in the same transaction', async () => {
    const t = await seedTenant(deps);
    const insert = (m: Parameters<typeof insertMember>[2]) =>
      inTransaction(db, (trx) => insertMember({ ...deps, db: trx }, t.id, m));
    const ann = await insert({ source: 'manual', email: 'ann@acme.test', role: 'admin' });
    const bob = await insert({
      source: 'scim',
      email: 'bob@acme.test',
      userName: 'bob',
      role: 'auditor',
      scimRoles: ['auditor'],
      active: false,
    });
    const cy = await insert({ source: 'jit', email: 'cy@acme.test', idpSubject: '00u-cy', role: 'read_only' });
    expect(ann).toMatchObject({
      user_name: 'ann@acme.test',
      role_source: 'manual',
      active: true,
      deactivated_at: null,
      scim_role: null,
    });
    expect(bob).toMatchObject({
      user_name: 'bob',
      role_source: 'scim',
      active: false,
      scim_role: 'auditor',
      scim_roles: ['auditor'],
    });
    expect(bob.deactivated_at).toBeInstanceOf(Date);
    expect(cy).toMatchObject({ role_source: 'jit', idp_subject: '00u-cy' });
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'data'])
      .where('tenant_id', '=', t.id)
      .where('action', 'like', 'member.%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      {
        action: 'member.added',
        target_id: ann.id,
        data: { email: 'ann@acme.test', userName: 'ann@acme.test', role: 'admin', active: true },
      },
      {
        action: 'member.provisioned',
        target_id: bob.id,
        data: { email: 'bob@acme.test', userName: 'bob', role: 'auditor', active: false },
      },
      {
        action: 'member.jit_created',
        target_id: cy.id,
        data: { email: 'cy@acme.test', userName: 'cy@acme.test', role: 'read_only', active: true },
      },
    ]);
  });

  it('leaves a duplicate to the unique index, writing nothing', async () => {
    const t = await seedTenant(deps);
    const insert = () =>
      inTransaction(db, (trx) =>
        insertMember({ ...deps, db: trx }, t.id, { source: 'manual', email: 'dup@acme.test', role: 'admin' }),
      );
    await insert();
    await expect(insert()).rejects.toMatchObject({ code: '23505' });
    expect(
      await db
        .selectFrom('audit_events')
        .select('id')
        .where('tenant_id', '=', t.id)
        .where('action', '=', 'member.added')
        .execute(),
    ).toHaveLength(1);
  });
});
