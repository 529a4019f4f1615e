import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpObject } from '../idp/types.ts';
import { addConnection } from '../connections/add-connection.ts';
import { TYPES } from '../restores/testing/types.fixture.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getSnapshotObject } from './get-snapshot-object.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const org = (): IdpObject[] => [
  { type: 'group', id: 'g1', body: { id: 'g1', profile: { name: 'Engineering' } } },
  {
    type: 'group_rule',
    id: 'r1',
    body: {
      id: 'r1',
      name: 'Engineers',
      status: 'ACTIVE',
      type: 'group_rule',
      actions: { assignUserToGroups: { groupIds: ['g1', 'g-gone'] } },
    },
  },
];
const client = () => Object.assign(fakeIdp(org()), { objectTypes: () => [...TYPES.values()] });

describe('an object as people read it', () => {
  it("gives a group rule's key fields and names the groups it assigns from the same snapshot", async () => {
    const t = await seedTenant(deps);
    const connectionId = (
      await addConnection(deps, t.id, {
        name: 'Production',
        orgUrl: 'http://127.0.0.1:4000/acme',
        credentials: { kind: 'ssws', token: 'ssws-token' },
      })
    ).id;
    const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: client() });
    const reader = {
      ...deps,
      actor: memberActor(t.id, await seedMember(deps, t.id, 'read_only')),
      idpClientFor: client,
    };
    const o = await getSnapshotObject(reader, t.id, { snapshotId: snap.snapshotId, type: 'group_rule', id: 'r1' });
    expect(o.fields.map((f) => [f.label, f.value])).toEqual([
      ['Name', 'Engineers'],
      ['Status', 'ACTIVE'],
      ['Type', 'group_rule'],
    ]);
    expect(o.references).toEqual([
      {
        path: 'actions.assignUserToGroups.groupIds[0]',
        value: 'g1',
        target: { type: 'group', id: 'g1', label: 'Engineering' },
      },
      // Not in the snapshot (deleted before it was taken): listed, unnamed.
      { path: 'actions.assignUserToGroups.groupIds[1]', value: 'g-gone', target: null },
    ]);
    // Without the connector's type table, no references (null: unknown, not none), and still the key fields.
    const plain = await getSnapshotObject({ ...deps, actor: reader.actor }, t.id, {
      snapshotId: snap.snapshotId,
      type: 'group_rule',
      id: 'r1',
    });
    expect(plain.references).toBeNull();
    expect(plain.fields).toEqual(o.fields);
  });

  it('still shows an object of a connection whose credential cannot be opened, without references', async () => {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id); // a credential that is not a sealed value
    const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: client() });
    const o = await getSnapshotObject({ ...deps, idpClientFor: client }, t.id, {
      snapshotId: snap.snapshotId,
      type: 'group_rule',
      id: 'r1',
    });
    expect(o).toMatchObject({ label: 'Engineers', references: null });
  });

  it("hides another tenant's snapshot", async () => {
    const t = await seedTenant(deps);
    const snap = await runBackup(deps, {
      tenantId: t.id,
      connectionId: await seedConnection(deps, t.id),
      trigger: 'test',
      client: client(),
    });
    const other = await seedTenant(deps);
    await expect(
      getSnapshotObject({ ...deps, idpClientFor: client }, other.id, {
        snapshotId: snap.snapshotId,
        type: 'group_rule',
        id: 'r1',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
