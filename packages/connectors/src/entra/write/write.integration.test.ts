import type { IdpObject } from '@butterfly/domain/idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../okta/json-path.fns.ts';
import { createEntraClient, type EntraClient } from '../client.ts';
import { SIM_TENANT, spawnEntraSim } from '../../testing/entra-sim.ts';
import { REPORT_ONLY } from '../catalog.ts';
import { EntraWriteError } from './write-error.fns.ts';

/**
 * Restore writes (decision 059) through the connector against a started entra-sim: creates,
 * updates and deletes, report-only Conditional Access, restores from deleted items keeping the id,
 * memberships by `$ref`, secrets never sent, and Graph's refusals as stable codes.
 */
let sim: Awaited<ReturnType<typeof spawnEntraSim>>;
let writer: EntraClient;
let reader: EntraClient;

const client = (clientId: string, clientSecret: string) =>
  createEntraClient(
    {
      provider: 'entra',
      directoryId: SIM_TENANT,
      clientId,
      credentials: { kind: 'client_secret', clientSecret },
      loginUrl: sim.url,
      graphUrl: sim.url,
    },
    { allowPrivateNetwork: true },
  );

beforeAll(async () => {
  sim = await spawnEntraSim();
  writer = client('3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b', 'entra-sim-backup-secret');
  reader = client('8c2d4e6f-0a1b-4c3d-9e8f-7a6b5c4d3e2f', 'entra-sim-readonly-secret');
}, 40_000);
afterAll(() => sim?.stop());

async function all(type: string): Promise<IdpObject[]> {
  const out: IdpObject[] = [];
  for await (const o of writer.listObjects({ types: [type] })) out.push(o);
  return out;
}
const one = async (type: string, id: string) => (await all(type)).find((o) => o.id === id);
const body = (o: IdpObject | undefined) => o?.body as Record<string, any>;

describe('Entra writeObject against entra-sim', () => {
  it('creates a Conditional Access policy in report-only state whatever the snapshot says, and updates it so', async () => {
    const [location] = await all('namedLocation');
    const made = await writer.writeObject(
      { type: 'conditionalAccessPolicy', id: 'old-ca-id' },
      {
        kind: 'create',
        body: {
          id: 'old-ca-id',
          displayName: 'Restored: block outside',
          state: 'enabled',
          createdDateTime: '2020-01-01T00:00:00Z',
          modifiedDateTime: '2020-01-02T00:00:00Z',
          conditions: {
            users: { includeUsers: ['All'] },
            applications: { includeApplications: ['All'] },
            locations: { includeLocations: ['All'], excludeLocations: [location!.id] },
          },
          grantControls: { operator: 'OR', builtInControls: ['block'] },
        },
      },
    );
    expect(made!.id).not.toBe('old-ca-id');
    const live = body(await one('conditionalAccessPolicy', made!.id));
    expect(live).toMatchObject({ displayName: 'Restored: block outside', state: REPORT_ONLY });
    expect(live.conditions.locations.excludeLocations).toEqual([location!.id]);
    expect(live.createdDateTime).not.toBe('2020-01-01T00:00:00Z');

    await writer.writeObject(
      { type: 'conditionalAccessPolicy', id: made!.id },
      { kind: 'update', body: { ...live, state: 'enabled', displayName: 'Restored: block outside (2)' } },
    );
    expect(body(await one('conditionalAccessPolicy', made!.id))).toMatchObject({
      displayName: 'Restored: block outside (2)',
      state: REPORT_ONLY,
    });
    // Switching it on is its own write: `activate` with the snapshot's state, that field alone.
    await writer.writeObject(
      { type: 'conditionalAccessPolicy', id: made!.id },
      { kind: 'activate', body: { state: 'enabled', displayName: 'not sent' } },
    );
    expect(body(await one('conditionalAccessPolicy', made!.id))).toMatchObject({
      displayName: 'Restored: block outside (2)',
      state: 'enabled',
    });
    const deactivate = await writer
      .writeObject({ type: 'conditionalAccessPolicy', id: made!.id }, { kind: 'deactivate' })
      .catch((e: unknown) => e);
    expect(deactivate).toMatchObject({ code: 'UNSUPPORTED' });
    expect(writer.stats().byEndpoint).toMatchObject({
      'POST /identity/conditionalAccess/policies': { requests: 1 },
      'PATCH /identity/conditionalAccess/policies/{key}': { requests: 2 },
    });
  });

  it('restores a deleted application from deleted items with its id, and never sends a secret', async () => {
    const created = await writer.writeObject(
      { type: 'application', id: 'x' },
      {
        kind: 'create',
        body: {
          displayName: 'Restore me',
          passwordCredentials: [{ keyId: 'k1', displayName: 'ci', secretText: REDACTED }],
        },
        secrets: { 'passwordCredentials[0].secretText': 'never-sent' },
      },
    );
    const id = created!.id;
    expect(body(await one('application', id)).passwordCredentials).toEqual([]);
    await writer.writeObject({ type: 'application', id }, { kind: 'delete' });
    expect(await one('application', id)).toBeUndefined();
    expect((await writer.listDeleted!('application')).map((d) => d.id)).toContain(id);

    const back = await writer.writeObject(
      { type: 'application', id },
      { kind: 'create', body: { id, displayName: 'Restore me (as in the snapshot)', notes: 'from the snapshot' } },
    );
    expect(back!.id).toBe(id);
    expect(body(await one('application', id))).toMatchObject({
      displayName: 'Restore me (as in the snapshot)',
      notes: 'from the snapshot',
    });
    expect((await writer.listDeleted!('application')).map((d) => d.id)).not.toContain(id);
    // Both creates asked deleted items first: the first was answered 404 and POSTed a new app.
    expect(writer.stats().byEndpoint).toMatchObject({
      'POST /directory/deletedItems/{id}/restore': { requests: 2 },
      'POST /applications': { requests: 1 },
    });
  });

  it('creates anew what deleted items no longer hold, and deleting what is gone is fine', async () => {
    const made = await writer.writeObject(
      { type: 'group', id: 'gone-security-group' },
      {
        kind: 'create',
        body: { displayName: 'Hard deleted', mailNickname: 'hd', securityEnabled: true, mailEnabled: false },
      },
    );
    expect(made!.id).not.toBe('gone-security-group');
    await writer.writeObject({ type: 'group', id: made!.id }, { kind: 'delete' });
    // A security group does not go to deleted items.
    expect((await writer.listDeleted!('group')).map((d) => d.id)).not.toContain(made!.id);
    await expect(writer.writeObject({ type: 'group', id: made!.id }, { kind: 'delete' })).resolves.toBeUndefined();
  });

  it("brings a group's members to the snapshot's by adding and removing $refs", async () => {
    const users = (await all('user')).slice(1, 4).map((u) => u.id);
    const g = await writer.writeObject(
      { type: 'group', id: 'g' },
      {
        kind: 'create',
        body: { displayName: 'Linked', mailNickname: 'linked', securityEnabled: true, mailEnabled: false },
      },
    );
    const members = (ids: string[]) => ({ members: ids.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })) });
    await writer.writeObject(
      { type: 'group.members', id: g!.id },
      // With a re-created group its member list is "created": the same adds.
      { kind: 'create', body: members(users.slice(0, 2)) },
    );
    await writer.writeObject(
      { type: 'group.members', id: g!.id },
      { kind: 'update', body: members(users.slice(1, 3)) },
    );
    const live = (await all('group.members')).find((m) => m.id === g!.id);
    expect(
      body(live)
        .members.map((m: { id: string }) => m.id)
        .sort(),
    ).toEqual(users.slice(1, 3).sort());
  });

  it('maps Graph refusals to stable codes', async () => {
    const bad = await writer
      .writeObject({ type: 'servicePrincipal', id: 'x' }, { kind: 'create', body: { appId: 'no-such-app' } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(EntraWriteError);
    expect(bad).toMatchObject({ code: 'INVALID', status: 400, graphCode: 'Request_BadRequest' });

    const denied = await reader
      .writeObject({ type: 'namedLocation', id: 'x' }, { kind: 'create', body: { displayName: 'Nope' } })
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 'MISSING_PERMISSION', scope: 'Policy.ReadWrite.ConditionalAccess' });

    const missing = await writer
      .writeObject({ type: 'namedLocation', id: '00000000-0000-0000-0000-000000000000' }, { kind: 'update', body: {} })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', status: 404 });

    const unsupported = await writer
      .writeObject({ type: 'subscribedSku', id: 'x' }, { kind: 'create', body: {} })
      .catch((e: unknown) => e);
    expect(unsupported).toMatchObject({ code: 'UNSUPPORTED' });
  });

  it('finds what an interrupted create made by its natural key', async () => {
    const made = await writer.writeObject(
      { type: 'namedLocation', id: 'n' },
      {
        kind: 'create',
        body: {
          '@odata.type': '#microsoft.graph.ipNamedLocation',
          displayName: 'Branch office',
          isTrusted: true,
          ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
        },
      },
    );
    const found = await writer.findObject!({ type: 'namedLocation', id: 'n' }, { displayName: 'Branch office' });
    expect(found?.id).toBe(made!.id);
    expect(body(found)['@odata.type']).toBe('#microsoft.graph.ipNamedLocation');
  });
});
