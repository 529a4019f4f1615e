import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { diffPage } from '../diff/diff-page.ts';
import type { IdpObject } from '../idp/types.ts';
import { getBackupSchedule } from '../schedules/get-backup-schedule.ts';
import { setBackupSchedule } from '../schedules/set-backup-schedule.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getBackupProgress } from './get-backup-progress.ts';
import { getObjectHistory } from './get-object-history.ts';
import { getSnapshotObject } from './get-snapshot-object.ts';
import { listSnapshotObjects } from './list-snapshot-objects.ts';
import { MASK } from './redact.fns.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

function org(): IdpObject[] {
  const objs: IdpObject[] = [];
  for (let i = 0; i < 120; i++)
    objs.push({
      type: 'group',
      id: `00g${String(i).padStart(3, '0')}`,
      body: { id: `00g${i}`, profile: { name: i === 77 ? 'Finance admins' : `Team ${i}` } },
    });
  objs.push({
    type: 'app',
    id: '0oa1',
    body: { id: '0oa1', label: 'Payroll', settings: { app: { apiKey: 'sk_live_secret' } } },
  });
  return objs;
}

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const client = fakeIdp(org());
  const first = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  const reader = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'read_only')) };
  return { tenantId: t.id, connectionId, client, first, reader };
}

describe('snapshot views', () => {
  it('pages a type by id, searches names inside sealed bodies, and counts every type', async () => {
    const s = await setup();
    const page1 = await listSnapshotObjects(s.reader, s.tenantId, {
      snapshotId: s.first.snapshotId,
      type: 'group',
      limit: 50,
    });
    expect(page1.types).toEqual([
      { type: 'app', count: 1 },
      { type: 'group', count: 120 },
    ]);
    expect(page1.objects).toHaveLength(50);
    expect(page1.nextAfter).toBe('00g049');
    const page3 = await listSnapshotObjects(s.reader, s.tenantId, {
      snapshotId: s.first.snapshotId,
      type: 'group',
      limit: 50,
      after: '00g099',
    });
    expect(page3.objects.map((o) => o.id)).toEqual(Array.from({ length: 20 }, (_, i) => `00g${100 + i}`));
    expect(page3.nextAfter).toBeNull();
    const found = await listSnapshotObjects(s.reader, s.tenantId, {
      snapshotId: s.first.snapshotId,
      type: 'group',
      q: 'finance',
    });
    expect(found.objects).toEqual([{ type: 'group', id: '00g077', label: 'Finance admins' }]);
    // Without a type, the first one.
    expect((await listSnapshotObjects(s.reader, s.tenantId, { snapshotId: s.first.snapshotId })).objects).toEqual([
      { type: 'app', id: '0oa1', label: 'Payroll' },
    ]);
  });

  it('shows an object with secret-looking fields masked, and keeps other tenants out', async () => {
    const s = await setup();
    const o = await getSnapshotObject(s.reader, s.tenantId, {
      snapshotId: s.first.snapshotId,
      type: 'app',
      id: '0oa1',
    });
    expect(o.body).toEqual({ id: '0oa1', label: 'Payroll', settings: { app: { apiKey: MASK } } });
    expect(o.secrets).toEqual(['$.settings.app.apiKey']);
    await expect(
      getSnapshotObject(s.reader, s.tenantId, { snapshotId: s.first.snapshotId, type: 'app', id: 'nope' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await seedTenant(deps);
    const outsider = { ...deps, actor: memberActor(other.id, await seedMember(deps, other.id, 'super_admin')) };
    await expect(
      getSnapshotObject(outsider, other.id, { snapshotId: s.first.snapshotId, type: 'app', id: '0oa1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages a diff with a cursor, masks secrets in paths, and redacts history', async () => {
    const s = await setup();
    for (const o of s.client.objects)
      if (o.type === 'group') (o.body as { profile: { name: string } }).profile.name += ' (renamed)';
    (
      s.client.objects.find((o) => o.id === '0oa1')!.body as { settings: { app: { apiKey: string } } }
    ).settings.app.apiKey = 'sk_live_rotated';
    const second = await runBackup(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      trigger: 'test',
      client: s.client,
    });
    const p1 = await diffPage(s.reader, s.tenantId, { from: s.first.snapshotId, to: second.snapshotId, limit: 100 });
    expect(p1.changes).toHaveLength(100);
    expect(p1.changes[0]).toMatchObject({
      type: 'app',
      id: '0oa1',
      change: 'changed',
      paths: [{ path: '$.settings.app.apiKey', before: MASK, after: MASK }],
    });
    expect(JSON.stringify(p1)).not.toContain('sk_live');
    const p2 = await diffPage(s.reader, s.tenantId, {
      from: s.first.snapshotId,
      to: second.snapshotId,
      limit: 100,
      after: p1.next!,
    });
    expect(p2.changes).toHaveLength(21);
    expect(p2.next).toBeNull();
    expect(p2.changes.at(-1)).toMatchObject({
      id: '00g119',
      label: 'Team 119 (renamed)',
      paths: [{ path: '$.profile.name', before: 'Team 119', after: 'Team 119 (renamed)' }],
    });
    const h = await getObjectHistory(s.reader, s.tenantId, { connectionId: s.connectionId, type: 'app', id: '0oa1' });
    expect(h.versions).toHaveLength(2);
    expect(h.versions[0]!.lastSnapshot.id).toBe(second.snapshotId);
    expect(JSON.stringify(h)).not.toContain('sk_live');
  });

  it('reports a running backup with its counters and the expected total', async () => {
    const s = await setup();
    expect(await getBackupProgress(s.reader, s.tenantId, { connectionId: s.connectionId })).toMatchObject({
      running: null,
      latest: { snapshotId: s.first.snapshotId, status: 'complete' },
    });
    await db
      .insertInto('snapshots')
      .values({
        tenant_id: s.tenantId,
        connection_id: s.connectionId,
        seq: 2,
        status: 'running',
        trigger: 'test',
        progress: JSON.stringify({
          phase: 'reading',
          objects: 60,
          requests: 3,
          rateLimitWaits: 1,
          rateLimitWaitMs: 1500,
        }),
      })
      .execute();
    const p = await getBackupProgress(s.reader, s.tenantId, { connectionId: s.connectionId });
    expect(p.running).toMatchObject({
      phase: 'reading',
      objects: 60,
      requests: 3,
      rateLimitWaits: 1,
      rateLimitWaitMs: 1500,
      expectedObjects: 121,
      stale: false,
    });
  });

  it('reads back a schedule as set, and null before', async () => {
    const s = await setup();
    expect((await getBackupSchedule(s.reader, s.tenantId, { connectionId: s.connectionId })).schedule).toBeNull();
    await setBackupSchedule(deps, s.tenantId, {
      connectionId: s.connectionId,
      frequency: 'daily',
      retention: { hourly: 0, daily: 7, weekly: 4, monthly: 12 },
    });
    const got = await getBackupSchedule(s.reader, s.tenantId, { connectionId: s.connectionId });
    expect(got.schedule).toMatchObject({
      enabled: true,
      frequency: 'daily',
      cron: '7 2 * * *',
      retention: { hourly: 0, daily: 7, weekly: 4, monthly: 12 },
    });
  });
});
