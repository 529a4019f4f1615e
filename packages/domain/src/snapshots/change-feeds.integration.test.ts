import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpObject, IdpObjectTypeInfo } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { readSnapshot } from './read-snapshot.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const info = (type: string, more: Partial<IdpObjectTypeInfo> = {}): IdpObjectTypeInfo => ({
  type,
  label: type,
  scope: 'read',
  singleton: false,
  optional: false,
  secretFields: [],
  references: [],
  ...more,
});
/** Users and roles have a change feed; groups too, but their members are read by walking them. */
const TYPES = [
  info('user', { changeFeed: true }),
  info('directoryRole', { changeFeed: true }),
  info('group', { changeFeed: true }),
  info('group.members', { parent: 'group', singleton: true }),
];
const objects = (): IdpObject[] => [
  { type: 'user', id: 'u1', body: { id: 'u1', displayName: 'Ann' } },
  { type: 'user', id: 'u2', body: { id: 'u2', displayName: 'Bob' } },
  { type: 'user', id: 'u3', body: { id: 'u3', displayName: 'Cy' } },
  { type: 'directoryRole', id: 'r1', body: { id: 'r1', displayName: 'Global Administrator' } },
  { type: 'group', id: 'g1', body: { id: 'g1', displayName: 'Sales' } },
  { type: 'group.members', id: 'g1', body: { members: [{ id: 'u1' }] } },
];

async function stored(tenantId: string, snapshotId: string) {
  const out: Record<string, unknown> = {};
  for await (const o of readSnapshot(deps, tenantId, snapshotId)) out[`${o.type} ${o.id}`] = o.body;
  return out;
}
const live = (client: { objects: IdpObject[] }) =>
  Object.fromEntries(client.objects.map((o) => [`${o.type} ${o.id}`, o.body]));
const listedTypes = (client: { listed: { type: string }[] }) => [...new Set(client.listed.map((r) => r.type))].sort();

describe('incremental backups through a change feed (decision 060)', () => {
  it('reads only what changed since the cursor the last snapshot left, and stores what a full read has', async () => {
    const t = await seedTenant(deps);
    const client = fakeIdp(objects(), { types: TYPES, changeFeed: true });
    const s = { tenantId: t.id, connectionId: await seedConnection(deps, t.id), client };

    const first = await runBackup(deps, { ...s, trigger: 'test' });
    expect(first.stats.changeFeed).toEqual({ incremental: {}, full: ['user', 'directoryRole'], expired: [] });
    const rows = await db.selectFrom('connection_change_cursors').selectAll().where('tenant_id', '=', t.id).execute();
    expect(rows.map((r) => [r.type, r.snapshot_id]).sort()).toEqual([
      ['directoryRole', first.snapshotId],
      ['user', first.snapshotId],
    ]);

    (client.objects[0]!.body as { displayName: string }).displayName = 'Ann Lee';
    client.objects.splice(1, 1);
    client.objects.push({ type: 'user', id: 'u4', body: { id: 'u4', displayName: 'Dee' } });
    client.changes.push({ type: 'user', id: 'u1' }, { type: 'user', id: 'u2' }, { type: 'user', id: 'u4' });
    const second = await runBackup(deps, { ...s, trigger: 'test' });
    // Users and roles were not listed; groups were (their members are read by walking them).
    expect(listedTypes(client)).toEqual(['group', 'group.members']);
    expect(second.stats.changeFeed?.incremental).toEqual({
      user: { changed: 2, removed: 1, kept: 1 },
      directoryRole: { changed: 0, removed: 0, kept: 1 },
    });
    expect(second.changes).toEqual({ added: 1, changed: 1, removed: 1 });
    expect(second.counts).toMatchObject({ user: 3, directoryRole: 1, group: 1 });
    expect(second.objectCount).toBe(client.objects.length);
    expect(await stored(t.id, second.snapshotId)).toEqual(live(client));
  });

  it('reads a type in full when its cursor expired, or is not the latest snapshot’s', async () => {
    const t = await seedTenant(deps);
    const client = fakeIdp(objects(), { types: TYPES, changeFeed: true });
    const s = { tenantId: t.id, connectionId: await seedConnection(deps, t.id), client };
    await runBackup(deps, { ...s, trigger: 'test' });

    client.expireCursors = true;
    const expired = await runBackup(deps, { ...s, trigger: 'test' });
    expect(expired.stats.changeFeed).toMatchObject({ expired: ['user', 'directoryRole'], incremental: {} });
    expect(listedTypes(client)).toEqual(['directoryRole', 'group', 'group.members', 'user']);
    client.expireCursors = false;

    // A backup of groups only leaves the users' cursor with an older snapshot: the next one reads users whole.
    const partial = await runBackup(deps, { ...s, trigger: 'test', types: ['group', 'group.members'] });
    expect(partial.stats.changeFeed).toBeUndefined();
    (client.objects[2]!.body as { displayName: string }).displayName = 'Cy (no change event)';
    const next = await runBackup(deps, { ...s, trigger: 'test' });
    expect(next.stats.changeFeed).toMatchObject({ full: ['user', 'directoryRole'], incremental: {} });
    // Read in full, the change the feed never reported is stored.
    expect(await stored(t.id, next.snapshotId)).toEqual(live(client));
  });
});
