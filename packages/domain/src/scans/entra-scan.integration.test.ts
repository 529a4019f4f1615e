import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { RULESET_VERSION } from '../compliance/engine.ts';
import { ENTRA_RULESET_VERSION } from '../compliance/rulesets.ts';
import { BG, bodyOf, compliantTenant } from '../compliance/testing/entra-fixtures.ts';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { IdpObject } from '../idp/types.ts';
import { addBreakGlassAccount } from '../break-glass/add-break-glass-account.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getScan } from './get-scan.ts';
import { runComplianceScan } from './run-compliance-scan.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const objects = (tenant: Record<string, { id: string; body: unknown }[]>): IdpObject[] =>
  Object.entries(tenant).flatMap(([type, list]) => list.map((o) => ({ type, id: o.id, body: o.body })));

async function entraConnection(tenantId: string) {
  const row = await db
    .insertInto('connections')
    .values({
      tenant_id: tenantId,
      name: 'Entra',
      provider: 'entra',
      org_url: 'https://graph.microsoft.com',
      directory_id: '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93',
      login_url: 'https://login.microsoftonline.com',
      auth_kind: 'client_secret',
      client_id: '8c2d4e6f-0a1b-4c3d-9e8f-7a6b5c4d3e2f',
      credentials_sealed: Buffer.from('test'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the connection provider picks the rule set', () => {
  it('scans an Entra snapshot with the SCuBA MS.AAD rules and an Okta one with the Okta rules, side by side', async () => {
    const t = await seedTenant(deps);
    const entraId = await entraConnection(t.id);
    const tenant = compliantTenant();
    bodyOf(tenant, 'authorizationPolicy', 'default').allowInvitesFrom = 'everyone';
    bodyOf(tenant, 'user', BG).userPrincipalName = 'BreakGlass@corp.example';
    const client = fakeIdp(objects(tenant));
    const backup = () => runBackup(deps, { tenantId: t.id, connectionId: entraId, trigger: 'test', client });
    const before = await runComplianceScan(deps, t.id, { snapshotId: (await backup()).snapshotId });
    // Without a declaration the CA policies' exclusion of the break-glass account is not configured (9 CA
    // rules fail), its permanent Global Administrator assignment is not excused (7.4), and 8.2 fails.
    expect(before.counts.FAIL).toBe(11);
    // An Entra user is declared by user principal name (or object id).
    const declared = await addBreakGlassAccount(deps, t.id, { connectionId: entraId, user: 'breakglass@corp.example' });
    expect(declared).toMatchObject({ oktaUserId: BG, login: 'BreakGlass@corp.example' });
    const entraSnap = await backup();
    const entraScan = await runComplianceScan(deps, t.id, { snapshotId: entraSnap.snapshotId, reuse: false });
    const entra = await getScan(deps, t.id, { scanId: entraScan.id });
    expect(entra.results.every((r) => r.ruleId.startsWith('MS.AAD.'))).toBe(true);
    expect(entra.results).toHaveLength(30);
    expect(entra.rulesetVersion).toBe(ENTRA_RULESET_VERSION);
    expect(entra.results.filter((r) => r.result === 'FAIL').map((r) => r.ruleId)).toEqual(['MS.AAD.8.2v1']);
    // The declared break-glass account is the only exclusion the CA policies have: they count.
    expect(entra.results.find((r) => r.ruleId === 'MS.AAD.1.1v1')!.result).toBe('PASS');
    expect(entraScan.counts).toMatchObject({ PASS: 26, FAIL: 1, MANUAL: 3, NOT_APPLICABLE: 0, total: 30 });

    const oktaId = await seedConnection(deps, t.id, 'Okta');
    const oktaObjects = objects(compliantOrg());
    const oktaSnap = await runBackup(deps, {
      tenantId: t.id,
      connectionId: oktaId,
      trigger: 'test',
      client: fakeIdp(oktaObjects),
    });
    const oktaScan = await runComplianceScan(deps, t.id, { snapshotId: oktaSnap.snapshotId });
    const okta = await getScan(deps, t.id, { scanId: oktaScan.id });
    expect(okta.rulesetVersion).toBe(RULESET_VERSION);
    expect(okta.results.some((r) => r.ruleId.startsWith('MS.AAD.'))).toBe(false);
    expect(okta.results.some((r) => r.ruleId === 'OKTA-APP-000560')).toBe(true);
  });
});
