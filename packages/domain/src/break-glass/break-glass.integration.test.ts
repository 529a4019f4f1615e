import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { accessRule } from '../compliance/testing/policy-fixtures.ts';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { IdpObject } from '../idp/types.ts';
import { getScan } from '../scans/get-scan.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { addBreakGlassAccount } from './add-break-glass-account.ts';
import { listBreakGlassAccounts } from './list-break-glass-accounts.ts';
import { removeBreakGlassAccount } from './remove-break-glass-account.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

/** The fixture org plus a break-glass user and an Admin Console rule letting only that user in with one factor. */
function orgObjects(): IdpObject[] {
  const org = compliantOrg();
  org.user!.push({
    id: '00u1bg',
    body: {
      id: '00u1bg',
      status: 'ACTIVE',
      lastLogin: new Date(Date.now() - 90 * 86_400_000).toISOString(),
      profile: { login: 'BreakGlass@acme.example', firstName: 'Break', lastName: 'Glass' },
      type: { id: 'oty1default' },
    },
  });
  const rule = accessRule('rst1admin', 'rul1bg', {
    priority: 0,
    verificationMethod: { type: 'ASSURANCE', factorMode: '1FA', constraints: [] },
  });
  (rule.body as { conditions: unknown }).conditions = { people: { users: { include: ['00u1bg'] } } };
  org['policy.ACCESS_POLICY.rule']!.push(rule);
  const objs = Object.entries(org).flatMap(([type, list]) => list.map((o) => ({ type, id: o.id, body: o.body })));
  const mappings = [
    ['rst1admin', '0oa1saasure'],
    ['rst1dash', '0oa1enduser'],
    ['rst1apps', '0oa1payroll'],
  ].map(([p, a]) => ({
    type: 'policy.ACCESS_POLICY.mapping',
    id: `${p}/${a}`,
    body: { id: a, _links: { application: { href: `https://acme.okta.com/api/v1/apps/${a}` } } },
    linksAreData: true,
  }));
  return [...objs, ...mappings];
}

const auditOf = (tenantId: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('action', 'like', 'connection.break_glass%')
    .orderBy('seq')
    .execute();

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id, 'Production');
  const client = fakeIdp(orgObjects());
  const backup = () => runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  return { tenantId: t.id, connectionId, backup };
}

describe('break-glass accounts of a connection', () => {
  it('are picked from the latest snapshot by id or login, listed, audited, and refused twice or when unknown', async () => {
    const s = await setup();
    await expect(
      addBreakGlassAccount(deps, s.tenantId, { connectionId: s.connectionId, user: '00u1bg' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await s.backup();
    const added = await addBreakGlassAccount(deps, s.tenantId, {
      connectionId: s.connectionId,
      user: 'breakglass@ACME.example',
    });
    expect(added).toMatchObject({
      oktaUserId: '00u1bg',
      login: 'BreakGlass@acme.example',
      displayName: 'Break Glass',
      addedBy: 'operator:test',
    });
    await expect(
      addBreakGlassAccount(deps, s.tenantId, { connectionId: s.connectionId, user: '00u1bg' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      addBreakGlassAccount(deps, s.tenantId, { connectionId: s.connectionId, user: 'nobody@acme.example' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { user: expect.any(String) } });
    await expect(
      addBreakGlassAccount(deps, s.tenantId, { connectionId: s.connectionId, user: '' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(
      (await listBreakGlassAccounts(deps, s.tenantId, { connectionId: s.connectionId })).map((a) => a.oktaUserId),
    ).toEqual(['00u1bg']);
    expect(await auditOf(s.tenantId)).toEqual([
      { action: 'connection.break_glass_added', data: { oktaUserId: '00u1bg', login: 'BreakGlass@acme.example' } },
    ]);

    await expect(
      removeBreakGlassAccount(deps, s.tenantId, { connectionId: s.connectionId, user: 'nobody' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await removeBreakGlassAccount(deps, s.tenantId, {
        connectionId: s.connectionId,
        user: 'breakglass@acme.example',
      }),
    ).toMatchObject({ oktaUserId: '00u1bg', removed: true });
    expect(await listBreakGlassAccounts(deps, s.tenantId, { connectionId: s.connectionId })).toEqual([]);
    expect((await auditOf(s.tenantId)).map((a) => a.action)).toEqual([
      'connection.break_glass_added',
      'connection.break_glass_removed',
    ]);
  });

  it('need connection.manage to change and compliance.read to list; other tenants see nothing', async () => {
    const s = await setup();
    await s.backup();
    const auditor = await seedMember(deps, s.tenantId, 'auditor');
    const asAuditor = { ...deps, actor: memberActor(s.tenantId, auditor) };
    await expect(
      addBreakGlassAccount(asAuditor, s.tenantId, { connectionId: s.connectionId, user: '00u1bg' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await seedMember(deps, s.tenantId, 'admin');
    await addBreakGlassAccount({ ...deps, actor: memberActor(s.tenantId, admin) }, s.tenantId, {
      connectionId: s.connectionId,
      user: '00u1bg',
    });
    expect(await listBreakGlassAccounts(asAuditor, s.tenantId, { connectionId: s.connectionId })).toHaveLength(1);
    await expect(
      removeBreakGlassAccount(asAuditor, s.tenantId, { connectionId: s.connectionId, user: '00u1bg' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const other = await seedTenant(deps);
    const otherAdmin = await seedMember(deps, other.id, 'admin');
    const asOther = { ...deps, actor: memberActor(other.id, otherAdmin) };
    await expect(listBreakGlassAccounts(asOther, other.id, { connectionId: s.connectionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      removeBreakGlassAccount(asOther, other.id, { connectionId: s.connectionId, user: '00u1bg' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await listBreakGlassAccounts(deps, s.tenantId, { connectionId: s.connectionId })).toHaveLength(1);
  });

  it('a scan leaves the break-glass rule out of MFA coverage and reports the account by its own rules', async () => {
    const s = await setup();
    const snap = await s.backup();
    const before = (
      await getScan(deps, s.tenantId, {
        scanId: (await runComplianceScan(deps, s.tenantId, { snapshotId: snap.snapshotId })).id,
      })
    ).results;
    expect(before.find((r) => r.ruleId === 'OKTA-APP-000560')?.result).toBe('FAIL');
    expect(before.find((r) => r.ruleId === 'OKTA-BREAKGLASS-EXISTS')?.result).toBe('NOT_APPLICABLE');
    await addBreakGlassAccount(deps, s.tenantId, { connectionId: s.connectionId, user: '00u1bg' });
    const after = (
      await getScan(deps, s.tenantId, {
        scanId: (await runComplianceScan(deps, s.tenantId, { snapshotId: snap.snapshotId })).id,
      })
    ).results;
    const byId = Object.fromEntries(after.map((r) => [r.ruleId, r]));
    expect(byId['OKTA-APP-000560']!.result).toBe('PASS');
    expect(byId['OKTA-APP-000560']!.evidence).toContainEqual(
      expect.objectContaining({ id: 'rst1admin/rul1bg', value: ['00u1bg'] }),
    );
    expect(byId['OKTA-BREAKGLASS-EXISTS']!.result).toBe('PASS');
    expect(byId['OKTA-BREAKGLASS-ENABLED']!.result).toBe('PASS');
    // Last sign-in 90 days before the backup: neither recent nor over a year old; evidence names the login.
    expect(byId['OKTA-BREAKGLASS-SIGN-IN']!.result).toBe('PASS');
    expect(byId['OKTA-BREAKGLASS-SIGN-IN']!.evidence).toContainEqual(
      expect.objectContaining({ id: '00u1bg', path: 'lastLogin', name: 'BreakGlass@acme.example' }),
    );
  });
});
