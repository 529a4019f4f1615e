import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpObject } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getObjectHistory } from './get-object-history.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const group = (id: string, name: string): IdpObject => ({ type: 'group', id, body: { id, profile: { name } } });

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const client = fakeIdp([group('g0', 'Everyone'), group('g1', 'Finance')]);
  const backup = () => runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  const reader = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'read_only')) };
  return { tenantId: t.id, connectionId, client, backup, reader };
}

describe('object history', () => {
  it('says in which snapshot an object was gone, and that it came back', async () => {
    const s = await setup();
    await s.backup();
    s.client.objects.splice(1, 1); // deleted in the org
    const second = await s.backup();
    const third = await s.backup();
    s.client.objects.push(group('g1', 'Finance team')); // re-created under the same id
    const fourth = await s.backup();
    const h = await getObjectHistory(s.reader, s.tenantId, { connectionId: s.connectionId, type: 'group', id: 'g1' });
    // Newest first: the re-created version, then the one deleted by the second snapshot.
    expect(
      h.versions.map((v) => ({
        from: v.firstSnapshot.id,
        deletedIn: v.deletedIn?.id ?? null,
        reappeared: v.reappeared,
      })),
    ).toEqual([
      { from: fourth.snapshotId, deletedIn: null, reappeared: true },
      { from: expect.any(String), deletedIn: second.snapshotId, reappeared: false },
    ]);
    expect(h.versions[0]!.changes).toEqual([
      expect.objectContaining({ path: '$.profile.name', before: 'Finance', after: 'Finance team' }),
    ]);
    expect([second.snapshotId, third.snapshotId]).not.toContain(h.versions[1]!.lastSnapshot.id);
    // An object never deleted has no such marks.
    const kept = await getObjectHistory(s.reader, s.tenantId, {
      connectionId: s.connectionId,
      type: 'group',
      id: 'g0',
    });
    expect(kept.versions.map((v) => [v.deletedIn, v.reappeared])).toEqual([[null, false]]);
    expect(kept).toMatchObject({ recreatedAs: null, recreatedFrom: [] });
  });

  it("names who made each version from the IdP's audit log, as a diff does", async () => {
    const s = await setup();
    await s.backup();
    s.client.objects[1] = group('g1', 'Finance and Ops');
    s.client.events.push({
      id: 'e1',
      published: new Date().toISOString(),
      eventType: 'group.profile.update',
      actor: { id: '00uann', type: 'User', alternateId: 'ann@acme.test', displayName: 'Ann' },
      targets: [{ type: 'UserGroup', id: 'g1' }],
    });
    await s.backup();
    s.client.objects[1] = group('g1', 'Finance'); // changed back with no event the log kept
    await s.backup();
    const h = await getObjectHistory(s.reader, s.tenantId, { connectionId: s.connectionId, type: 'group', id: 'g1' });
    // Newest first: the unattributed change back, the attributed change, the first version.
    expect(h.versions.map((v) => v.actors)).toEqual([
      [],
      [{ actor: 'ann@acme.test', at: expect.any(String), eventType: 'group.profile.update' }],
      [],
    ]);
  });

  it('names the new id a restore re-created a deleted object under, and the old id from the new one', async () => {
    const s = await setup();
    const first = await s.backup();
    s.client.objects.splice(1, 1);
    await s.backup();
    // A restore applied from the first snapshot re-created g1 as g1-new (step done, id recorded).
    const plan = await db
      .insertInto('restore_plans')
      .values({
        tenant_id: s.tenantId,
        connection_id: s.connectionId,
        snapshot_id: first.snapshotId,
        status: 'applied',
        scope: '{}',
        short_code: 'HIST-1',
        requested_by_label: 'test',
        requested_by_type: 'operator',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('restore_steps')
      .values({
        plan_id: plan.id,
        seq: 1,
        type: 'group',
        object_id: 'g1',
        action: 'create',
        detail: Buffer.from(''),
        status: 'done',
        new_id: 'g1-new',
        finished_at: new Date(),
      })
      .execute();
    await db
      .insertInto('restore_id_map')
      .values({ plan_id: plan.id, step_seq: 1, type: 'group', old_id: 'g1', new_id: 'g1-new' })
      .execute();
    s.client.objects.push(group('g1-new', 'Finance'));
    await s.backup();
    const old = await getObjectHistory(s.reader, s.tenantId, { connectionId: s.connectionId, type: 'group', id: 'g1' });
    expect(old).toMatchObject({ recreatedAs: 'g1-new', recreatedFrom: [] });
    expect(old.versions[0]!.deletedIn).not.toBeNull();
    const now = await getObjectHistory(s.reader, s.tenantId, {
      connectionId: s.connectionId,
      type: 'group',
      id: 'g1-new',
    });
    expect(now).toMatchObject({ recreatedAs: null, recreatedFrom: ['g1'] });
    // Another tenant sees nothing of it.
    const other = await seedTenant(deps);
    await expect(
      getObjectHistory(deps, other.id, { connectionId: s.connectionId, type: 'group', id: 'g1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
