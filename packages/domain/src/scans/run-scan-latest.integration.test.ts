import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { JobQueue } from '../deps.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { requestLatestScan } from './request-latest-scan.ts';
import { runComplianceScan } from './run-compliance-scan.ts';
import { getScanProgress } from './scan-progress.ts';

const { db } = await useTestDatabase();
const queued: { task: string; payload: Record<string, unknown>; jobKey?: string }[] = [];
const jobs: JobQueue = {
  async enqueue(_db, task, payload, opts) {
    queued.push({ task, payload, jobKey: opts?.jobKey });
    return { jobId: String(queued.length) };
  },
};
const deps = { ...testDeps(db), jobs };

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id, 'Production');
  const client = fakeIdp(
    Object.entries(compliantOrg()).flatMap(([type, list]) => list.map((o) => ({ type, id: o.id, body: o.body }))),
  );
  const backup = () => runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  return { tenantId: t.id, connectionId, client, backup };
}

/** What the worker's task does with the payload (packages/jobs compliance.scan.ts). */
const work = (tenantId: string, p: Record<string, unknown>) =>
  runComplianceScan(deps, tenantId, {
    snapshotId: String(p.snapshotId),
    trigger: 'manual',
    reuse: true,
    reuseSince: new Date(String(p.requestedAt)),
    startedBy: String(p.requestedBy),
  });

describe('Run scan: the latest snapshot, queued, followed to its result', () => {
  it('queues a scan of the latest complete snapshot, not the one the last scan read', async () => {
    const s = await setup();
    const first = await s.backup();
    await runComplianceScan(deps, s.tenantId, { snapshotId: first.snapshotId });
    const second = await s.backup();
    const r = await requestLatestScan(deps, s.tenantId, { connectionId: s.connectionId });
    expect(r.snapshotId).toBe(second.snapshotId);
    expect(queued.at(-1)).toMatchObject({
      task: 'compliance_scan',
      jobKey: `compliance_scan:${second.snapshotId}`,
      payload: { snapshotId: second.snapshotId, trigger: 'manual', requestedAt: r.requestedAt },
    });
  });

  it('is waiting until the worker stores the scan, then gives its counts and new regressions; an older scan of the snapshot is not reused', async () => {
    const s = await setup();
    const snap = await s.backup();
    const old = await runComplianceScan(deps, s.tenantId, { snapshotId: snap.snapshotId, reuse: true });
    const r = await requestLatestScan(deps, s.tenantId, { connectionId: s.connectionId });
    expect(await getScanProgress(deps, s.tenantId, { connectionId: s.connectionId, since: r.requestedAt })).toEqual({
      state: 'waiting',
      result: null,
    });
    const scan = await work(s.tenantId, queued.at(-1)!.payload);
    expect(scan.id).not.toBe(old.id);
    // At-least-once: the retried job finds the scan its first attempt stored.
    expect((await work(s.tenantId, queued.at(-1)!.payload)).id).toBe(scan.id);
    const p = await getScanProgress(deps, s.tenantId, { connectionId: s.connectionId, since: r.requestedAt });
    expect(p.state).toBe('done');
    expect(p.result).toMatchObject({
      scanId: scan.id,
      snapshotId: snap.snapshotId,
      counts: scan.counts,
      regressions: [],
    });
  });

  it('names the rules that passed before and fail now', async () => {
    const s = await setup();
    await runComplianceScan(deps, s.tenantId, { snapshotId: (await s.backup()).snapshotId });
    const policy = s.client.objects.find((o) => o.type === 'policy.PASSWORD')!;
    (policy.body as any).settings.password.complexity.minLength = 8;
    await s.backup();
    const r = await requestLatestScan(deps, s.tenantId, { connectionId: s.connectionId });
    await work(s.tenantId, queued.at(-1)!.payload);
    const p = await getScanProgress(deps, s.tenantId, { connectionId: s.connectionId, since: r.requestedAt });
    expect(p.result?.regressions.length).toBeGreaterThan(0);
    expect(p.result?.counts.FAIL).toBeGreaterThan(0);
  });

  it("records the member who clicked Run scan as the scan's starter, though the worker ran it", async () => {
    const s = await setup();
    await s.backup();
    const auditor = await seedMember(deps, s.tenantId, 'auditor');
    await requestLatestScan({ ...deps, actor: memberActor(s.tenantId, auditor) }, s.tenantId, {
      connectionId: s.connectionId,
    });
    expect(queued.at(-1)?.payload.requestedBy).toBe(`member:${auditor.email}`);
    expect((await work(s.tenantId, queued.at(-1)!.payload)).startedBy).toBe(`member:${auditor.email}`);
  });

  it('refuses a connection without a backup, a reader, and another tenant, queuing nothing', async () => {
    const s = await setup();
    const before = queued.length;
    await expect(requestLatestScan(deps, s.tenantId, { connectionId: s.connectionId })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await s.backup();
    const reader = await seedMember(deps, s.tenantId, 'read_only');
    await expect(
      requestLatestScan({ ...deps, actor: memberActor(s.tenantId, reader) }, s.tenantId, {
        connectionId: s.connectionId,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await seedTenant(deps);
    await expect(requestLatestScan(deps, other.id, { connectionId: s.connectionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      getScanProgress(deps, other.id, { connectionId: s.connectionId, since: new Date().toISOString() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      getScanProgress(deps, s.tenantId, { connectionId: s.connectionId, since: 'yesterday' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(queued.length).toBe(before);
  });
});
