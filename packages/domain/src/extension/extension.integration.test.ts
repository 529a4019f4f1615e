import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import type { IdpObject } from '../idp/types.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { beginBackup } from '../snapshots/begin-backup.ts';
import { listSnapshots } from '../snapshots/list-snapshots.ts';
import { objectHistory } from '../snapshots/object-history.ts';
import { pruneSnapshots } from '../snapshots/prune-snapshots.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { addConnection } from '../connections/add-connection.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { compareExtensionObject } from './compare-object.ts';
import { getExtensionObjectStatus } from './get-object-status.ts';
import { snapshotExtensionObject } from './snapshot-object.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
// The simulator's org URL form; a real org's admin console is `acme-admin.okta.com` (ZOrgUrl maps it).
const orgUrl = 'http://127.0.0.1:4000/acme';
const REDACTED = '[redacted by Butterfly: re-enter on restore]';

function objects(): IdpObject[] {
  return [
    {
      type: 'group',
      id: '00g1',
      body: {
        id: '00g1',
        lastUpdated: '2026-01-01T00:00:00.000Z',
        profile: { name: 'Engineering', description: 'before' },
      },
    },
    { type: 'user', id: '00u1', body: { id: '00u1', status: 'ACTIVE', profile: { login: 'ann@acme.test' } } },
    {
      type: 'app',
      id: '0oa1',
      body: {
        id: '0oa1',
        label: 'Payroll',
        credentials: { oauthClient: { client_id: 'c1', client_secret: REDACTED } },
      },
    },
  ];
}

async function setup(list = objects()) {
  const t = await seedTenant(deps);
  const connectionId = (
    await addConnection(deps, t.id, {
      name: 'Production',
      orgUrl,
      credentials: { kind: 'ssws', token: 'ssws-token-of-acme' },
    })
  ).id;
  const client = fakeIdp(list);
  const backup = () => runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  const withIdp = { ...deps, idpClientFor: () => client };
  return { tenantId: t.id, connectionId, client, backup, withIdp };
}
const body = (c: ReturnType<typeof fakeIdp>, id: string) => c.objects.find((o) => o.id === id)!.body as any;

describe("the extension's view of an object", () => {
  it('finds the connection by org URL and reports the last backup, versions and links', async () => {
    const s = await setup();
    const snap = await s.backup();
    const status = await getExtensionObjectStatus(deps, s.tenantId, {
      orgUrl: `${orgUrl}/`,
      type: 'group',
      id: '00g1',
    });
    expect(status).toMatchObject({
      connection: { id: s.connectionId },
      label: 'Engineering',
      versionCount: 1,
      lastBackup: { snapshotId: snap.snapshotId, kind: 'full' },
      inLatestFullBackup: true,
      links: {
        history: `/connections/${s.connectionId}/history?type=group&id=00g1`,
        diff: null,
        restorePreview: `/restore?connection=${s.connectionId}&snapshot=${snap.snapshotId}&objects=group%3A00g1`,
      },
    });
    const unknown = await getExtensionObjectStatus(deps, s.tenantId, { orgUrl, type: 'group', id: '00gNEW' });
    expect(unknown).toMatchObject({ versionCount: 0, lastBackup: null, label: null, inLatestFullBackup: false });
    await expect(
      getExtensionObjectStatus(deps, s.tenantId, { orgUrl: 'https://other.okta.com', type: 'group', id: '00g1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('compares a posted object like a backup would store it: links, key order and masked secrets do not count', async () => {
    const s = await setup();
    await s.backup();
    const asConsole = {
      label: 'Payroll',
      id: '0oa1',
      credentials: { oauthClient: { client_secret: 'the-real-secret', client_id: 'c1' } },
      _links: { self: { href: 'x' } },
    };
    await expect(
      compareExtensionObject(deps, s.tenantId, { orgUrl, type: 'app', id: '0oa1', body: asConsole }),
    ).resolves.toMatchObject({ stored: true, changed: false, changes: [] });

    const group = { ...body(s.client, '00g1'), profile: { name: 'Engineering', description: 'after' } };
    const changed = await compareExtensionObject(deps, s.tenantId, { orgUrl, type: 'group', id: '00g1', body: group });
    expect(changed).toMatchObject({
      changed: true,
      onlyVolatile: false,
      changes: [{ path: '$.profile.description', kind: 'changed', volatile: false }],
    });
    // Paths only: neither the stored nor the posted value leaves.
    expect(JSON.stringify(changed)).not.toMatch(/before|after/);

    const touched = await compareExtensionObject(deps, s.tenantId, {
      orgUrl,
      type: 'group',
      id: '00g1',
      body: { ...body(s.client, '00g1'), lastUpdated: '2026-02-02T00:00:00.000Z' },
    });
    expect(touched).toMatchObject({ changed: true, onlyVolatile: true });
    await expect(
      compareExtensionObject(deps, s.tenantId, { orgUrl, type: 'group', id: '00gNEW', body: { id: '00gNEW' } }),
    ).resolves.toMatchObject({ stored: false, changed: null });
  });

  it("snapshots one object: kept in its history, left out of snapshot lists and other objects' history", async () => {
    const s = await setup();
    const full = await s.backup();
    body(s.client, '00g1').profile.description = 'after';
    const taken = await snapshotExtensionObject(s.withIdp, s.tenantId, { orgUrl, type: 'group', id: '00g1' });
    expect(taken).toMatchObject({ changed: true, added: false });

    expect((await listSnapshots(deps, s.tenantId, { connectionId: s.connectionId })).map((x) => x.id)).toEqual([
      full.snapshotId,
    ]);
    const history = await objectHistory(deps, s.tenantId, { connectionId: s.connectionId, type: 'group', id: '00g1' });
    expect(history.versions.map((v) => v.lastSnapshot.id)).toEqual([full.snapshotId, taken.snapshotId]);
    expect(history.versions[1]!.changes).toEqual([
      { path: '$.profile.description', before: 'before', after: 'after', kind: 'changed' },
    ]);
    // The user was not read by the single-object snapshot: its last backup is still the full one.
    const user = await objectHistory(deps, s.tenantId, { connectionId: s.connectionId, type: 'user', id: '00u1' });
    expect(user.versions.map((v) => v.lastSnapshot.id)).toEqual([full.snapshotId]);

    const status = await getExtensionObjectStatus(deps, s.tenantId, { orgUrl, type: 'group', id: '00g1' });
    expect(status).toMatchObject({
      versionCount: 2,
      lastBackup: { snapshotId: taken.snapshotId, kind: 'object' },
      inLatestFullBackup: true,
      links: { diff: expect.stringContaining(`from=${full.snapshotId}`) },
    });
    await expect(
      compareExtensionObject(deps, s.tenantId, { orgUrl, type: 'group', id: '00g1', body: body(s.client, '00g1') }),
    ).resolves.toMatchObject({ changed: false });

    // Again, unchanged: a new snapshot (the backup time moves), no new version.
    const again = await snapshotExtensionObject(s.withIdp, s.tenantId, { orgUrl, type: 'group', id: '00g1' });
    expect(again.changed).toBe(false);
    expect((await getExtensionObjectStatus(deps, s.tenantId, { orgUrl, type: 'group', id: '00g1' })).versionCount).toBe(
      2,
    );
  });

  it('lets the next full backup count what single-object snapshots changed, and diff it', async () => {
    const s = await setup();
    const first = await s.backup();
    body(s.client, '00g1').profile.description = 'after';
    await snapshotExtensionObject(s.withIdp, s.tenantId, { orgUrl, type: 'group', id: '00g1' });
    const second = await s.backup();
    expect(second).toMatchObject({ objectCount: 3, changes: { added: 0, changed: 1, removed: 0 } });
    const changes = [];
    for await (const c of diffSnapshots(deps, s.tenantId, { from: first.snapshotId, to: second.snapshotId }))
      changes.push([c.type, c.id, c.change]);
    expect(changes).toEqual([['group', '00g1', 'changed']]);
  });

  it('keeps single-object snapshots out of retention: they pin only their own object', async () => {
    const s = await setup();
    await s.backup();
    body(s.client, '00u1').status = 'SUSPENDED';
    await snapshotExtensionObject(s.withIdp, s.tenantId, { orgUrl, type: 'group', id: '00g1' });
    const last = await s.backup();
    // Snapshots of the hour before the newest are always kept: age the earlier ones so the counts decide.
    await db
      .updateTable('snapshots')
      .set({ completed_at: new Date(Date.now() - 3 * 3_600_000) })
      .where('connection_id', '=', s.connectionId)
      .where('id', '!=', last.snapshotId)
      .execute();
    const r = await pruneSnapshots(deps, {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      retention: { hourly: 0, daily: 0, weekly: 0, monthly: 0 },
    });
    expect(r.deleted).toBe(1);
    const entries = await db
      .selectFrom('snapshot_entries')
      .select(['type', 'object_id'])
      .where('connection_id', '=', s.connectionId)
      .execute();
    // The user's first version fell with the first full snapshot, though the object snapshot sits inside its range.
    expect(entries.filter((e) => e.object_id === '00u1')).toHaveLength(1);
    const kinds = await db
      .selectFrom('snapshots')
      .select('kind')
      .where('connection_id', '=', s.connectionId)
      .orderBy('seq')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['object', 'full']);
  });

  it('refuses to snapshot beside a running backup, and objects Okta does not have', async () => {
    const s = await setup();
    await s.backup();
    await expect(
      snapshotExtensionObject(s.withIdp, s.tenantId, { orgUrl, type: 'group', id: '00gGONE' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await beginBackup(deps, { tenantId: s.tenantId, connectionId: s.connectionId, trigger: 'test' });
    await expect(
      snapshotExtensionObject(s.withIdp, s.tenantId, { orgUrl, type: 'group', id: '00g1' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('names the failing rules whose evidence is the object, and checks permissions', async () => {
    const list = Object.entries(compliantOrg()).flatMap(([type, l]) =>
      l.map((o) => ({ type, id: o.id, body: o.body })),
    );
    const s = await setup(list);
    const policy = s.client.objects.find((o) => o.type === 'policy.PASSWORD')!;
    (policy.body as any).settings.password.complexity.minLength = 8;
    await runComplianceScan(deps, s.tenantId, { snapshotId: (await s.backup()).snapshotId });
    const status = await getExtensionObjectStatus(deps, s.tenantId, { orgUrl, type: 'policy.PASSWORD', id: policy.id });
    expect(status.compliance!.findings.length).toBeGreaterThan(0);
    expect(status.compliance!.findings[0]).toMatchObject({
      ruleId: expect.any(String),
      severity: expect.stringMatching(/^CAT/),
    });

    const reader = await seedMember(deps, s.tenantId, 'read_only');
    const asReader = { ...s.withIdp, actor: memberActor(s.tenantId, reader) };
    await expect(
      getExtensionObjectStatus(asReader, s.tenantId, { orgUrl, type: 'policy.PASSWORD', id: policy.id }),
    ).resolves.toMatchObject({ versionCount: 1 });
    await expect(
      snapshotExtensionObject(asReader, s.tenantId, { orgUrl, type: 'policy.PASSWORD', id: policy.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await seedTenant(deps);
    await expect(
      getExtensionObjectStatus(asReader, other.id, { orgUrl, type: 'group', id: '00g1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
