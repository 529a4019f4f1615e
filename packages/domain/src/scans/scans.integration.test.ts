import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { IdpObject } from '../idp/types.ts';
import { createRestorePlan } from '../restores/request-restore-preview.ts';
import { previewRestore } from '../restores/preview-restore.ts';
import { setBackupSchedule } from '../schedules/set-backup-schedule.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { complianceOverview } from './compliance-overview.ts';
import { getRuleDetail } from './get-rule-detail.ts';
import { getScan } from './get-scan.ts';
import { listFindings } from './list-findings.ts';
import { listRegressions } from './list-regressions.ts';
import { loadScanRecord } from './load-scan-record.ts';
import { runComplianceScan } from './run-compliance-scan.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

/** The rule fixtures' compliant org as an IdP would list it; the app → policy link as a mapping row, as stored. */
function orgObjects(): IdpObject[] {
  const objs = Object.entries(compliantOrg()).flatMap(([type, list]) =>
    list.map((o) => ({ type, id: o.id, body: o.body })),
  );
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

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id, 'Production');
  const client = fakeIdp(orgObjects());
  const backup = () => runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  return { tenantId: t.id, connectionId, client, backup };
}

const byRule = (results: { ruleId: string; result: string }[]) =>
  Object.fromEntries(results.map((r) => [r.ruleId, r.result]));

describe('compliance scans of stored snapshots', () => {
  it('judges a stored snapshot like the rules judge the fixture, and stores every result', async () => {
    const s = await setup();
    const snap = await s.backup();
    const scan = await runComplianceScan(deps, s.tenantId, { snapshotId: snap.snapshotId });
    const { results } = await getScan(deps, s.tenantId, { scanId: scan.id });
    const r = byRule(results);
    // Apps lose `_links` in storage: the mapping rows (kept as data) still tie them to their policies.
    expect(r['OKTA-APP-003244']).toBe('PASS');
    expect(r['OKTA-APP-000560']).toBe('PASS');
    // Nothing fails but Butterfly's own readiness: nobody ever previewed a restore.
    expect(results.filter((x) => x.result === 'FAIL').map((x) => x.ruleId)).toEqual(['BUTTERFLY-RESTORE-READINESS']);
    expect(r['BUTTERFLY-BACKUP-FRESHNESS']).toBe('NOT_APPLICABLE');
    expect(scan.counts.total).toBe(results.length);
  });

  it('judges readiness as of the snapshot: schedules, the last backup, and restore previews made before it', async () => {
    const s = await setup();
    await setBackupSchedule(deps, s.tenantId, { connectionId: s.connectionId, frequency: 'daily' });
    const first = await s.backup();
    const plan = await createRestorePlan(deps, s.tenantId, { snapshotId: first.snapshotId });
    await previewRestore(deps, { tenantId: s.tenantId, planId: plan.id, client: s.client });
    const second = await s.backup();
    const byId = byRule(
      (
        await getScan(deps, s.tenantId, {
          scanId: (await runComplianceScan(deps, s.tenantId, { snapshotId: second.snapshotId })).id,
        })
      ).results,
    );
    expect(byId['BUTTERFLY-RESTORE-READINESS']).toBe('PASS');
    expect(byId['BUTTERFLY-BACKUP-FRESHNESS']).toBe('PASS');
    // The first snapshot predates the preview: re-scanning it later still judges it as it was then.
    const again = await getScan(deps, s.tenantId, {
      scanId: (await runComplianceScan(deps, s.tenantId, { snapshotId: first.snapshotId })).id,
    });
    expect(byRule(again.results)['BUTTERFLY-RESTORE-READINESS']).toBe('FAIL');
  });

  it('links a PASS → FAIL regression to the change that touched the evidence', async () => {
    const s = await setup();
    const first = await runComplianceScan(deps, s.tenantId, { snapshotId: (await s.backup()).snapshotId });
    const policy = s.client.objects.find((o) => o.type === 'policy.PASSWORD')!;
    (policy.body as any).settings.password.complexity.minLength = 8;
    const second = await runComplianceScan(deps, s.tenantId, { snapshotId: (await s.backup()).snapshotId });
    const regressions = await listRegressions(deps, s.tenantId, { scanId: second.id });
    expect(regressions.map((x) => x.ruleId)).toEqual(['OKTA-APP-000650']);
    const [reg] = regressions;
    expect(reg).toMatchObject({
      before: 'PASS',
      after: 'FAIL',
      previousScanId: first.id,
      fromSnapshotId: first.snapshotId,
      toSnapshotId: second.snapshotId,
    });
    expect(reg!.changes).toEqual([
      expect.objectContaining({
        type: 'policy.PASSWORD',
        id: policy.id,
        change: 'changed',
        paths: [{ path: '$.settings.password.complexity.minLength', before: 15, after: 8, kind: 'changed' }],
      }),
    ]);
    // The default view: each connection's latest scan against its previous one.
    expect((await listRegressions(deps, s.tenantId)).map((x) => x.scanId)).toEqual([second.id]);
    const findings = await listFindings(deps, s.tenantId, { framework: 'stig' });
    expect(findings.map((f) => f.ruleId)).toEqual(['OKTA-APP-000650']);
    expect((await listFindings(deps, s.tenantId)).map((f) => f.ruleId)).toEqual([
      'BUTTERFLY-RESTORE-READINESS',
      'OKTA-APP-000650',
    ]);
    const detail = await getRuleDetail(deps, s.tenantId, { ruleId: 'OKTA-APP-000650' });
    expect(detail.history.map((h) => h.result)).toEqual(['FAIL', 'PASS']);
    expect(detail.latest[0]!.evidence[0]).toMatchObject({ type: 'policy.PASSWORD', value: 8 });
    const overview = await complianceOverview(deps, s.tenantId);
    expect(overview.latest.map((l) => l.id)).toEqual([second.id]);
    expect(overview.trend.map((t) => t.scanId)).toEqual([first.id, second.id]);
    expect(overview.frameworks.find((f) => f.framework === 'stig')!.FAIL).toBe(1);
    expect(overview.frameworks.find((f) => f.framework === 'soc2')!.FAIL).toBe(2);
  });

  it('reuses a scan of the same snapshot for jobs, and keeps the record as it was at scan time', async () => {
    const s = await setup();
    const snap = await s.backup();
    const a = await runComplianceScan(deps, s.tenantId, {
      snapshotId: snap.snapshotId,
      reuse: true,
      trigger: 'backup',
    });
    const b = await runComplianceScan(deps, s.tenantId, {
      snapshotId: snap.snapshotId,
      reuse: true,
      trigger: 'backup',
    });
    expect(b.id).toBe(a.id);
    const before = await loadScanRecord(db, s.tenantId, a.id);
    await db.updateTable('connections').set({ name: 'Renamed' }).where('id', '=', s.connectionId).execute();
    expect(await loadScanRecord(db, s.tenantId, a.id)).toEqual(before);
    expect(before).toMatchObject({
      connection: { name: 'Production' },
      startedBy: 'operator:test',
      snapshotId: snap.snapshotId,
    });
  });

  it('needs compliance.run to scan and compliance.read to read, and hides other tenants', async () => {
    const s = await setup();
    const snap = await s.backup();
    const reader = await seedMember(deps, s.tenantId, 'read_only');
    const auditor = await seedMember(deps, s.tenantId, 'auditor');
    const as = (m: typeof reader) => ({ ...deps, actor: memberActor(s.tenantId, m) });
    await expect(runComplianceScan(as(reader), s.tenantId, { snapshotId: snap.snapshotId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const scan = await runComplianceScan(as(auditor), s.tenantId, { snapshotId: snap.snapshotId });
    expect(scan.startedBy).toBe(`member:${auditor.email}`);
    expect((await getScan(as(reader), s.tenantId, { scanId: scan.id })).results.length).toBeGreaterThan(30);
    const other = await seedTenant(deps);
    await expect(getScan(deps, other.id, { scanId: scan.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
