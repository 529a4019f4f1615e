import type { IdpObject } from '@butterfly/domain/idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSim } from '../../testing/entra-sim.ts';
import { WRITE_SCOPES } from '../catalog.ts';
import { createGoogleClient, type GoogleClient } from '../client.ts';
import { GoogleWriteError } from './write-error.fns.ts';

/**
 * Restore writes (decision 066) through the connector against a started google-sim's demo
 * customer: org units (parent by path), groups with their settings and members, custom roles and
 * role assignments, v1beta1 policies of the mutable subset; Google's refusals as stable codes; the
 * manual step of a setting the API cannot write.
 */
let sim: { url: string; stop: () => void };
let writer: GoogleClient;
let readOnly: GoogleClient;
const DOMAIN = 'butterfly-demo.test';

async function client(email: string) {
  const r = await fetch(`${sim.url}/_sim/service-accounts/${encodeURIComponent(email)}/key`);
  const k = (await r.json()) as Record<string, string>;
  return createGoogleClient(
    {
      provider: 'google',
      primaryDomain: DOMAIN,
      adminEmail: `admin@${DOMAIN}`,
      credentials: {
        kind: 'service_account',
        clientEmail: k.client_email!,
        clientId: k.client_id!,
        privateKeyId: k.private_key_id!,
        privateKey: k.private_key!,
      },
      tokenUrl: `${sim.url}/token`,
      apiUrl: sim.url,
      purpose: 'restore',
    },
    { allowPrivateNetwork: true, policyGapMs: 0 },
  );
}

beforeAll(async () => {
  sim = await spawnSim('google-sim');
  // The Policy API's one-page-a-second rule is the reads' business; these tests write.
  await fetch(`${sim.url}/_sim/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ policyPageIntervalMs: 0 }),
  });
  writer = await client(`butterfly-backup@butterfly-sim.iam.gserviceaccount.com`);
  readOnly = await client(`butterfly-readonly@butterfly-sim.iam.gserviceaccount.com`);
}, 40_000);
afterAll(() => sim?.stop());

async function all(type: string): Promise<IdpObject[]> {
  const out: IdpObject[] = [];
  for await (const o of writer.listObjects({ types: [type] })) out.push(o);
  return out;
}
const body = (o: IdpObject | undefined) => o?.body as Record<string, any>;
const byField = async (type: string, field: string, value: unknown) =>
  (await all(type)).find((o) => body(o)[field] === value);

describe('Google writeObject against google-sim', () => {
  let ouId = '';
  let groupId = '';

  it('creates an org unit under its parent by path (a new id), updates and deletes it', async () => {
    const eng = await byField('orgUnit', 'orgUnitPath', '/Engineering');
    const made = await writer.writeObject(
      { type: 'orgUnit', id: 'old-ou' },
      {
        kind: 'create',
        body: {
          kind: 'admin#directory#orgUnit',
          etag: '"x"',
          name: 'Drills',
          description: 'restored',
          orgUnitPath: '/Engineering/Drills',
          orgUnitId: 'id:old-ou',
          parentOrgUnitPath: '/Engineering',
          // A stale id: the parent is named by its path.
          parentOrgUnitId: 'id:gone',
        },
      },
    );
    ouId = made!.id;
    expect(ouId).not.toBe('old-ou');
    expect(ouId.startsWith('id:')).toBe(false);
    const live = await byField('orgUnit', 'orgUnitPath', '/Engineering/Drills');
    expect(live?.id).toBe(ouId);
    expect(body(live)).toMatchObject({ description: 'restored', parentOrgUnitId: body(eng).orgUnitId });
    await writer.writeObject(
      { type: 'orgUnit', id: ouId },
      { kind: 'update', body: { ...body(live), description: 'edited back' } },
    );
    expect(body(await byField('orgUnit', 'orgUnitPath', '/Engineering/Drills')).description).toBe('edited back');
    // Found by its path after an interrupted create.
    expect((await writer.findObject!({ type: 'orgUnit', id: 'old-ou' }, body(live)))?.id).toBe(ouId);
  });

  it('creates a group, PATCHes its settings, and brings its members to the snapshot', async () => {
    const made = await writer.writeObject(
      { type: 'group', id: 'old-group' },
      {
        kind: 'create',
        body: { id: 'old-group', email: `drill@${DOMAIN}`, name: 'Drill', description: 'd', directMembersCount: '2' },
      },
    );
    groupId = made!.id;
    expect(groupId).not.toBe('old-group');
    await writer.writeObject(
      { type: 'group.settings', id: groupId },
      {
        kind: 'create',
        body: { kind: 'groupsSettings#groups', email: `drill@${DOMAIN}`, whoCanJoin: 'INVITED_CAN_JOIN' },
      },
    );
    const settings = (await all('group.settings')).find((o) => o.id === groupId);
    expect(body(settings).whoCanJoin).toBe('INVITED_CAN_JOIN');

    const member = (email: string, role = 'MEMBER') => ({ email, role, type: 'USER', status: 'ACTIVE' });
    await writer.writeObject(
      { type: 'group.members', id: groupId },
      { kind: 'create', body: { members: [member(`mia.member@${DOMAIN}`), member(`admin@${DOMAIN}`, 'OWNER')] } },
    );
    const rows = async () =>
      (body((await all('group.members')).find((o) => o.id === groupId)).members as any[])
        .map((m) => `${m.email} ${m.role}`)
        .sort();
    expect(await rows()).toEqual([`admin@${DOMAIN} OWNER`, `mia.member@${DOMAIN} MEMBER`]);
    await writer.writeObject(
      { type: 'group.members', id: groupId },
      { kind: 'update', body: { members: [member(`admin@${DOMAIN}`, 'MANAGER')] } },
    );
    expect(await rows()).toEqual([`admin@${DOMAIN} MANAGER`]);
  });

  it('creates a custom role and assigns it on the org unit, then deletes the assignment', async () => {
    const role = await writer.writeObject(
      { type: 'role', id: '999' },
      {
        kind: 'create',
        body: {
          roleId: '999',
          roleName: 'Drill role',
          isSystemRole: false,
          rolePrivileges: [{ privilegeName: 'USERS_RETRIEVE', serviceId: '00haapch16h1ysv' }],
        },
      },
    );
    expect(role!.id).not.toBe('999');
    const mia = await byField('user', 'primaryEmail', `mia.member@${DOMAIN}`);
    const made = await writer.writeObject(
      { type: 'roleAssignment', id: 'old-ra' },
      {
        kind: 'create',
        body: {
          roleAssignmentId: 'old-ra',
          roleId: role!.id,
          assignedTo: mia!.id,
          scopeType: 'ORG_UNIT',
          orgUnitId: ouId,
        },
      },
    );
    expect(body(await byField('roleAssignment', 'roleAssignmentId', made!.id))).toMatchObject({
      roleId: role!.id,
      orgUnitId: ouId,
    });
    await writer.writeObject({ type: 'roleAssignment', id: made!.id }, { kind: 'delete' });
    await writer.writeObject({ type: 'roleAssignment', id: made!.id }, { kind: 'delete' }); // gone: fine
    expect(await byField('roleAssignment', 'roleAssignmentId', made!.id)).toBeUndefined();
  });

  it('patches and creates policies of the v1beta1 subset; refuses other setting types without a request', async () => {
    const password = (await all('policy')).find(
      (p) => body(p).setting.type === 'settings/security.password' && body(p).policyQuery.orgUnit,
    )!;
    const value = { ...body(password).setting.value, minimumLength: 14 };
    await writer.writeObject(
      { type: 'policy', id: password.id },
      { kind: 'update', body: { ...body(password), setting: { ...body(password).setting, value } } },
    );
    const after = (await all('policy')).find((p) => p.id === password.id);
    expect(body(after).setting.value.minimumLength).toBe(14);

    const made = await writer.writeObject(
      { type: 'policy', id: 'old-policy' },
      {
        kind: 'create',
        body: {
          name: 'policies/old-policy',
          customer: 'customers/C01b7tf1y',
          policyQuery: { orgUnit: `orgUnits/${ouId}`, query: 'ignored', sortOrder: 1 },
          setting: { type: 'settings/security.session_controls', value: { webSessionDuration: '43200s' } },
          type: 'ADMIN',
        },
      },
    );
    expect(made!.id).not.toBe('old-policy');
    // A create interrupted (or answered late) is found again by its setting type and target.
    expect((await writer.findObject!({ type: 'policy', id: 'old-policy' }, body(made!)))?.id).toBe(made!.id);
    expect(body((await all('policy')).find((p) => p.id === made!.id)).policyQuery.orgUnit).toBe(`orgUnits/${ouId}`);

    const before = writer.stats().requests;
    const refused = await writer
      .writeObject(
        { type: 'policy', id: 'x' },
        { kind: 'update', body: { setting: { type: 'settings/api_controls.internal_apps', value: {} } } },
      )
      .catch((e) => e);
    expect(refused).toBeInstanceOf(GoogleWriteError);
    expect(refused.code).toBe('UNSUPPORTED');
    expect(writer.stats().requests).toBe(before);
  });

  it('maps Google refusals to stable codes: a duplicate, a missing delegation', async () => {
    const dup = await writer
      .writeObject({ type: 'group', id: 'again' }, { kind: 'create', body: { email: `drill@${DOMAIN}` } })
      .catch((e) => e);
    expect(dup).toMatchObject({ code: 'CONFLICT', status: 409 });
    const denied = await readOnly
      .writeObject({ type: 'orgUnit', id: ouId }, { kind: 'update', body: { name: 'Drills' } })
      .catch((e) => e);
    expect(denied).toBeInstanceOf(GoogleWriteError);
    expect(denied.code).toBe('MISSING_PERMISSION');
    expect(denied.scope).toContain('admin.directory.orgunit');
    // What a preview asks before apply: one token exchange per scope.
    expect(await writer.missingScopes!([...WRITE_SCOPES])).toEqual([]);
    // Groups Settings has one scope for reading and writing: the read-only account holds it.
    expect(await readOnly.missingScopes!([...WRITE_SCOPES])).toEqual(
      WRITE_SCOPES.filter((x) => !x.endsWith('apps.groups.settings')),
    );
    // Reading (a preview) needs no write scope.
    expect((await readOnly.readObject({ type: 'orgUnit', id: ouId }))?.id).toBe(ouId);
  });

  it('says by hand what it cannot write: a setting outside the subset, for the org unit by path', () => {
    const step = writer.manualStep!(
      {
        type: 'policy',
        id: 'p',
        desired: {
          policyQuery: { orgUnit: `orgUnits/${ouId}` },
          setting: { type: 'settings/api_controls.internal_apps', value: { trustInternalApps: false } },
        },
        live: {
          policyQuery: { orgUnit: `orgUnits/${ouId}` },
          setting: { type: 'settings/api_controls.internal_apps', value: { trustInternalApps: true } },
        },
      },
      (ref) => (ref.type === 'orgUnit' && ref.id === ouId ? { orgUnitPath: '/Engineering/Drills' } : undefined),
    );
    expect(step).toEqual({
      where: 'Security → Access and data control → API controls',
      set: ['Trust internal apps: Off'],
      appliesTo: '/Engineering/Drills',
    });
    expect(
      writer.manualStep!(
        { type: 'policy', id: 'q', desired: { setting: { type: 'settings/security.password' } } },
        () => undefined,
      ),
    ).toBeUndefined();
  });
});
