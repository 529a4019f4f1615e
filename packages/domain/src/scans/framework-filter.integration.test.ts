import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import { describeEvidenceExport } from '../evidence/describe-evidence-export.ts';
import { prepareEvidenceExport } from '../evidence/prepare-evidence-export.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { complianceOverview } from './compliance-overview.ts';
import { listFindings } from './list-findings.ts';
import { runComplianceScan } from './run-compliance-scan.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

/** A scanned snapshot of the fixture org with the DoD banner removed (a rule no HIPAA control covers) and an 8-character password minimum. */
async function scanned() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id, 'Production');
  const org = compliantOrg();
  (org['brand.sign_in_page']![0]!.body as any).pageContent =
    '<html><body><div id="okta-login-container"></div></body></html>';
  (org['policy.PASSWORD']![0]!.body as any).settings.password.complexity.minLength = 8;
  const objs = Object.entries(org).flatMap(([type, list]) => list.map((o) => ({ type, id: o.id, body: o.body })));
  const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: fakeIdp(objs) });
  const scan = await runComplianceScan(deps, t.id, { snapshotId: snap.snapshotId });
  return { tenantId: t.id, scan };
}

describe('filtering reports by framework', () => {
  it('findings, the overview and an evidence export keep only the rules mapped to the framework', async () => {
    const { tenantId, scan } = await scanned();
    const failing = (await listFindings(deps, tenantId)).map((f) => f.ruleId);
    expect(failing).toEqual(expect.arrayContaining(['OKTA-APP-000200', 'OKTA-APP-000650']));
    const hipaa = (await listFindings(deps, tenantId, { framework: 'hipaa' })).map((f) => f.ruleId);
    expect(hipaa).toContain('OKTA-APP-000650');
    expect(hipaa).not.toContain('OKTA-APP-000200');
    expect((await listFindings(deps, tenantId, { framework: 'pciDss4' })).map((f) => f.ruleId)).toContain(
      'OKTA-APP-000650',
    );

    const all = await complianceOverview(deps, tenantId);
    const pci = await complianceOverview(deps, tenantId, { framework: 'pciDss4' });
    expect(all.frameworks.map((f) => f.framework)).toEqual([
      'stig',
      'soc2',
      'iso27001',
      'nist80053',
      'hipaa',
      'pciDss4',
      'cisV8',
    ]);
    expect(pci.frameworks.map((f) => f.framework)).toEqual(['pciDss4']);
    expect(pci.latest[0]!.counts.total).toBeLessThan(all.latest[0]!.counts.total);
    expect(pci.latest[0]!.counts.FAIL).toBe(pci.frameworks[0]!.FAIL);

    const { record } = await prepareEvidenceExport(deps, tenantId, { scanId: scan.id, framework: 'hipaa' });
    expect(record.framework).toBe('hipaa');
    expect(record.results.every((r) => (r.frameworks.hipaa ?? []).length > 0)).toBe(true);
    expect(record.results.map((r) => r.ruleId)).not.toContain('OKTA-APP-000200');
    expect(record.counts.total).toBe(record.results.length);
    const descriptor = await describeEvidenceExport(deps, tenantId, {
      scanId: scan.id,
      formats: ['json'],
      framework: 'hipaa',
    });
    expect(descriptor).toMatchObject({ framework: 'hipaa', href: `/evidence/${scan.id}?formats=json&framework=hipaa` });
    const whole = (await prepareEvidenceExport(deps, tenantId, { scanId: scan.id })).record;
    expect(whole.framework).toBeUndefined();
    expect(whole.results.map((r) => r.ruleId)).toContain('OKTA-APP-000200');
  });

  it('refuses an unknown framework with VALIDATION, exporting and auditing nothing', async () => {
    const { tenantId, scan } = await scanned();
    const audited = () =>
      db
        .selectFrom('audit_events')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('action', '=', 'evidence.exported')
        .execute();
    await expect(prepareEvidenceExport(deps, tenantId, { scanId: scan.id, framework: 'sox' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { framework: expect.stringContaining('hipaa') },
    });
    expect(await audited()).toEqual([]);
  });
});
