import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { GOOGLE_RULESET_VERSION } from '@butterfly/domain/compliance';
import { approveException, requestException } from '@butterfly/domain/exceptions';
import { getScan, runComplianceScan } from '@butterfly/domain/scans';
import { memberActor, seedMember } from '@butterfly/domain/testing';
import { exportEvidence } from '@butterfly/evidence';
import { describe, expect, it } from 'vitest';
import { completeSnapshots } from './support/entra-sim.ts';
import { SEEDED_SCUBA_GWS_FAILURES, SEEDED_SCUBA_GWS_PASSES, googleDemoWorld } from './support/google-sim.ts';
import { product } from './support/product.ts';

/**
 * Issue 22's acceptance: google-sim's demo customer backed up through the jobs (connection added as
 * `connection add --google` adds it), the scan the backup runs judges it with the SCuBA GWS rule set
 * per org unit and group (decision 065), and finds exactly the seed's deliberate failures; an
 * exception on one failing org unit is carried by the next scan and its evidence bundle.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
const world = googleDemoWorld(app);
let snapshotId = '';
let scanId = '';

type Results = Awaited<ReturnType<typeof getScan>>['results'];
const byResult = (results: Results, status: string) =>
  results
    .filter((r) => r.result === status)
    .map((r) => r.ruleId)
    .sort();
const result = (results: Results, id: string) => results.find((r) => r.ruleId === id)!;

describe('SCuBA GWS over the google-sim demo customer', () => {
  it('the backup through the jobs is scanned with the GWS rules, which fail exactly the seeded failures', async () => {
    await app.backupThroughJobs(world.demo);
    const [snap] = await completeSnapshots(db, world.demo.connectionId);
    snapshotId = snap!.id;
    const scan = await db
      .selectFrom('scans')
      .select(['id', 'ruleset_version', 'trigger'])
      .where('tenant_id', '=', world.demo.tenantId)
      .where('snapshot_id', '=', snapshotId)
      .executeTakeFirst();
    expect(scan, 'the backup job scanned its snapshot').toMatchObject({
      ruleset_version: GOOGLE_RULESET_VERSION,
      trigger: 'backup',
    });
    scanId = scan!.id;
    const { results, counts } = await getScan(app.deps, world.demo.tenantId, { scanId });
    expect(results.every((r) => r.ruleId.startsWith('GWS.'))).toBe(true);
    expect(byResult(results, 'FAIL')).toEqual([...SEEDED_SCUBA_GWS_FAILURES].sort());
    expect(byResult(results, 'PASS')).toEqual([...SEEDED_SCUBA_GWS_PASSES].sort());
    expect(counts).toMatchObject({ FAIL: 21, PASS: 5, MANUAL: 0, NOT_APPLICABLE: 0, total: 26 });

    // Failures say where and why, effective settings included (overrides, inheritance, groups).
    const reason = (id: string) => result(results, id).reason;
    // /Engineering's own PASSKEY_ONLY passes there and in its children; the root's ALL fails elsewhere.
    expect(reason('GWS.COMMONCONTROLS.1.1v1')).toContain('allowedSignInFactorSet is ALL (required PASSKEY_ONLY)');
    expect(reason('GWS.COMMONCONTROLS.1.1v1')).not.toMatch(/\/Engineering[,;). ]/);
    expect(reason('GWS.COMMONCONTROLS.1.2v1')).toBe(
      'Fails in 1 org unit (10 judged): enforcedFrom is not set (2SV not enforced) in /Contractors (set on /Contractors).',
    );
    expect(reason('GWS.COMMONCONTROLS.1.5v1')).toContain(
      'in it-ops@butterfly-demo.test (set on it-ops@butterfly-demo.test)',
    );
    expect(reason('GWS.COMMONCONTROLS.4.1v1')).toContain('webSessionDuration is 14 days (required ≤ 12 h)');
    expect(reason('GWS.COMMONCONTROLS.5.2v1')).toContain('minimumLength is 8 (required ≥ 12)');
    expect(reason('GWS.COMMONCONTROLS.6.1v1')).toBe(
      '3 super admins of 9 sign in through SSO: 3 in /IT (SAML_SSO, assigned on /IT).',
    );
    expect(reason('GWS.COMMONCONTROLS.6.2v1')).toBe('9 super admins (required 2–8).');
    expect(reason('GWS.COMMONCONTROLS.10.1v1')).toContain('drive is UNRESTRICTED');
    expect(reason('GWS.COMMONCONTROLS.12.1v1')).toContain('drive_and_docs ENABLED (required DISABLED)');
    expect(reason('GWS.COMMONCONTROLS.13.1v1')).toContain('"Suspicious programmatic login" is INACTIVE');
    expect(reason('GWS.GMAIL.1.1v1')).not.toContain('/Finance');
    // Users are named by org unit, never by login.
    expect(JSON.stringify(result(results, 'GWS.COMMONCONTROLS.6.1v1'))).not.toContain('@butterfly-demo.test');
  }, 180_000);

  it('an exception on the one failing org unit of 1.2 is carried by the next scan and its evidence bundle', async () => {
    expect(scanId).not.toBe('');
    const before = await getScan(app.deps, world.demo.tenantId, { scanId });
    const contractors = result(before.results, 'GWS.COMMONCONTROLS.1.2v1').evidence.find((e) => e.failed)!;
    expect(contractors).toMatchObject({ type: 'orgUnit', name: '/Contractors', value: null });

    const requester = memberActor(world.demo.tenantId, await seedMember(app.deps, world.demo.tenantId, 'auditor'));
    const approver = memberActor(world.demo.tenantId, await seedMember(app.deps, world.demo.tenantId, 'admin'));
    const ex = await requestException({ ...app.deps, actor: requester }, world.demo.tenantId, {
      connectionId: world.demo.connectionId,
      ruleId: 'GWS.COMMONCONTROLS.1.2v1',
      objectType: contractors.type,
      objectId: contractors.id,
      rationale: 'Contractors sign in through their agency IdP until the 2SV rollout',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    await approveException({ ...app.deps, actor: approver }, world.demo.tenantId, { id: ex.id });

    const next = await runComplianceScan(app.deps, world.demo.tenantId, { snapshotId });
    const { results } = await getScan(app.deps, world.demo.tenantId, { scanId: next.id });
    expect(result(results, 'GWS.COMMONCONTROLS.1.2v1')).toMatchObject({
      result: 'FAIL',
      accepted: true,
      exceptions: [{ id: ex.id, scope: { objectType: 'orgUnit', objectId: contractors.id } }],
    });
    // Only that rule is accepted; the others stand.
    expect(next.counts).toMatchObject({ FAIL: 21, accepted: 1 });
    expect(results.filter((r) => r.accepted).map((r) => r.ruleId)).toEqual(['GWS.COMMONCONTROLS.1.2v1']);

    const dir = mkdtempSync(join(tmpdir(), 'gws-bundle-'));
    try {
      await exportEvidence(app.deps, world.demo.tenantId, { scanId: next.id, dir });
      const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(JSON.stringify(json)).toContain('GWS.COMMONCONTROLS.1.2v1');
      expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toContain('GWS.COMMONCONTROLS.6.2v1');
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Contractors sign in through their agency IdP');
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(manifest.scan).toMatchObject({ scanId: next.id, rulesetVersion: GOOGLE_RULESET_VERSION });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('`snapshot effective-settings` prints what the checks judged: inheritance, overrides and a group’s own policy', async () => {
    expect(snapshotId).not.toBe('');
    const backend = await app.cli(
      'snapshot',
      'effective-settings',
      'butterfly',
      snapshotId,
      '--org-unit',
      '/Engineering/Backend',
      '--json',
    );
    expect(backend.code, backend.stderr).toBe(0);
    const r = JSON.parse(backend.stdout);
    expect(r.groups).toEqual([]);
    const setting = (type: string) => r.orgUnits[0].settings.find((s: { type: string }) => s.type === type);
    // /Engineering's own 12 h overrides the root's 14 days, and /Engineering/Backend inherits it.
    expect(setting('security.session_controls')).toMatchObject({
      value: { webSessionDuration: '43200s' },
      from: '/Engineering',
      inherited: true,
    });
    expect(setting('security.password')).toMatchObject({ value: { minimumLength: 8 }, from: '/' });

    const group = await app.cli(
      'snapshot',
      'effective-settings',
      'butterfly',
      snapshotId,
      '--group',
      'it-ops@butterfly-demo.test',
    );
    expect(group.code, group.stderr).toBe(0);
    expect(group.stdout).toContain('group it-ops@butterfly-demo.test');
    expect(group.stdout).toMatch(
      /security\.two_step_verification_device_trust {2}\{"allowTrustingDevice":true\} {2}\(set on it-ops@/,
    );

    const missing = await app.cli('snapshot', 'effective-settings', 'butterfly', snapshotId, '--org-unit', '/Nowhere');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('No org unit /Nowhere in this snapshot');
  }, 120_000);
});
