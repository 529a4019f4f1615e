import { GOOGLE_READ_SCOPES, GOOGLE_WRITE_SCOPES, idpClientFactory } from '@butterfly/connectors';
import { useTestDatabase } from '@butterfly/db/testing';
import { loadConnectionConfig } from '@butterfly/domain/connections';
import type { IdpClient, IdpObject, IdpObjectTypeInfo } from '@butterfly/domain/idp';
import {
  getRestorePlan,
  liveIdOf,
  requestRestoreApply,
  requestRestorePreview,
  rewriteBody,
  type RestorePlanDetail,
} from '@butterfly/domain/restores';
import { readSnapshot, withoutVolatile } from '@butterfly/domain/snapshots';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeSnapshots } from './support/entra-sim.ts';
import { GOOGLE_DEMO, googleControl, googleDemoWorld } from './support/google-sim.ts';
import { product } from './support/product.ts';
import { connectionIdMapOf } from './support/restore-compare.ts';

/**
 * Issue 22, decision 066: google-sim's demo backed up through the jobs; then an org unit (with a
 * child), a group (with members, settings, a role assignment and a setting of its own org unit) are
 * deleted and a writable policy changed, and a setting outside the v1beta1 subset is changed too.
 * The preview names the creates (parents first), the update and the manual step (the console path
 * and the value); apply writes them; a fresh backup equals the snapshot for the restored objects, and
 * a second preview has only the manual step left. With a write scope taken away, the preview (which
 * reads with the read scopes) still works and names the step that scope would stop.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
const D = GOOGLE_DEMO.domain;
const TYPES = ['orgUnit', 'group', 'group.members', 'group.settings', 'roleAssignment', 'policy'];
const world = googleDemoWorld(app);
let t: { tenantId: string; connectionId: string };
let writer: IdpClient;
let types: Map<string, IdpObjectTypeInfo>;
let snapshotId = '';
const made = {} as Record<'drills' | 'blue' | 'group' | 'assignment' | 'session', IdpObject>;

async function all(type: string) {
  const out: IdpObject[] = [];
  for await (const o of writer.listObjects({ types: [type] })) out.push(o);
  return out;
}
const field = (o: IdpObject | undefined, k: string) => (o?.body as Record<string, any> | undefined)?.[k];
const policyOf = async (type: string, orgUnit?: string) =>
  (await all('policy')).find(
    (p) =>
      field(p, 'setting').type === `settings/${type}` &&
      (orgUnit ? field(p, 'policyQuery').orgUnit === orgUnit : field(p, 'policyQuery').orgUnit),
  )!;

beforeAll(async () => {
  t = world.demo;
  // The same service account as the product's restore: its token carries the write scopes.
  writer = idpClientFactory({ allowPrivateNetwork: true })(
    await loadConnectionConfig(app.deps, t.tenantId, t.connectionId, { purpose: 'restore' }),
  );
  types = new Map(writer.objectTypes().map((i) => [i.type, i]));
  const ou = async (name: string, parent: string) =>
    writer.writeObject({ type: 'orgUnit', id: 'new' }, { kind: 'create', body: { name, parentOrgUnitPath: parent } });
  made.drills = (await ou('Drills', '/'))!;
  made.blue = (await ou('Blue', '/Drills'))!;
  made.group = (await writer.writeObject(
    { type: 'group', id: 'new' },
    { kind: 'create', body: { email: `drill@${D}`, name: 'Drill team', description: 'Fire drills' } },
  ))!;
  await writer.writeObject(
    { type: 'group.members', id: made.group.id },
    {
      kind: 'create',
      body: {
        members: [
          { email: GOOGLE_DEMO.member, role: 'MEMBER' },
          { email: GOOGLE_DEMO.admin, role: 'OWNER' },
        ],
      },
    },
  );
  await writer.writeObject(
    { type: 'group.settings', id: made.group.id },
    {
      kind: 'update',
      body: { email: `drill@${D}`, whoCanJoin: 'INVITED_CAN_JOIN', whoCanPostMessage: 'ALL_MANAGERS_CAN_POST' },
    },
  );
  const helpdesk = (await all('role')).find((r) => field(r, 'roleName') === 'Helpdesk Tier 2')!;
  made.assignment = (await writer.writeObject(
    { type: 'roleAssignment', id: 'new' },
    {
      kind: 'create',
      body: { roleId: helpdesk.id, assignedTo: made.group.id, scopeType: 'ORG_UNIT', orgUnitId: made.drills.id },
    },
  ))!;
  made.session = (await writer.writeObject(
    { type: 'policy', id: 'new' },
    {
      kind: 'create',
      body: {
        policyQuery: { orgUnit: `orgUnits/${made.drills.id}`, sortOrder: 1 },
        setting: { type: 'settings/security.session_controls', value: { webSessionDuration: '28800s' } },
      },
    },
  ))!;
}, 120_000);

describe('restore to google-sim', () => {
  let plan: RestorePlanDetail;

  it('previews the deleted org units and group as creates, the changed policy as an update, the rest as a manual step', async () => {
    await app.backupThroughJobs(t);
    snapshotId = (await completeSnapshots(db, t.connectionId)).at(-1)!.id;
    // An admin deletes the group and the org units (their settings and role assignment go with them)…
    await writer.writeObject({ type: 'group', id: made.group.id }, { kind: 'delete' });
    await writer.writeObject({ type: 'orgUnit', id: made.blue.id }, { kind: 'delete' });
    await writer.writeObject({ type: 'orgUnit', id: made.drills.id }, { kind: 'delete' });
    // …and changes two settings in the console: one the API writes, one it does not.
    const password = await policyOf('security.password');
    const internal = await policyOf('api_controls.internal_apps');
    const at = (p: IdpObject) => `/customers/${GOOGLE_DEMO.customerId}/policies/${p.id}`;
    expect((await googleControl(world.sim.url, 'PATCH', at(password), { value: { minimumLength: 6 } })).status).toBe(
      200,
    );
    expect(
      (await googleControl(world.sim.url, 'PATCH', at(internal), { value: { trustInternalApps: false } })).status,
    ).toBe(200);

    const { planId } = await requestRestorePreview(app.deps, t.tenantId, { snapshotId, scope: { types: TYPES } });
    await app.runDueJobs();
    plan = await getRestorePlan(app.deps, t.tenantId, { planId });
    expect(plan.status, plan.error ?? '').toBe('ready');
    const line = (s: RestorePlanDetail['steps'][number]) => `${s.action} ${s.type} ${s.label} (${s.how})`;
    const step = (type: string, label?: string) =>
      plan.steps.find((s) => s.type === type && (!label || s.label === label))!;
    expect(plan.steps.map(line).sort()).toEqual(
      [
        'create orgUnit Drills (create)',
        'create orgUnit Blue (create)',
        'create group Drill team (create)',
        'create group.members Drill team (create)',
        'create group.settings Drill team (create)',
        `create roleAssignment ${made.assignment.id} (create)`,
        `create policy policies/${made.session.id} (create)`,
        `update policy policies/${password.id} (update)`,
        `skip policy policies/${internal.id} (set by hand)`,
      ].sort(),
    );
    // Parents first: the org unit before its child, its setting and the assignment scoped to it; the group before its rows.
    expect(step('orgUnit', 'Drills').seq).toBeLessThan(step('orgUnit', 'Blue').seq);
    expect(step('orgUnit', 'Drills').seq).toBeLessThan(step('policy', `policies/${made.session.id}`).seq);
    expect(step('group').seq).toBeLessThan(step('group.members').seq);
    expect(step('group').seq).toBeLessThan(step('roleAssignment').seq);
    expect(step('policy', `policies/${made.session.id}`).rewrites).toEqual([
      { path: 'policyQuery.orgUnit', type: 'orgUnit', oldId: made.drills.id },
    ]);
    expect(
      step('roleAssignment')
        .rewrites.map((r) => r.path)
        .sort(),
    ).toEqual(['assignedTo', 'orgUnitId']);
    expect(step('policy', `policies/${password.id}`).changes).toContainEqual(
      expect.objectContaining({ path: '$.setting.value.minimumLength', before: 6, after: 8 }),
    );
    const manual = step('policy', `policies/${internal.id}`).caveats;
    expect(manual).toEqual([
      {
        kind: 'manual',
        where: 'Security → Access and data control → API controls',
        set: ['Trust internal apps: On'],
        appliesTo: '/ (the top-level organizational unit)',
        message:
          'Set by hand in the admin console: Security → Access and data control → API controls → Trust internal apps: On (for / (the top-level organizational unit))',
      },
    ]);
    expect(plan.caveats.map((c) => c.kind)).toContain('manual');
  }, 180_000);

  it('applies it, skipping the manual step; a fresh backup equals the snapshot for what it restored', async () => {
    await requestRestoreApply(app.deps, t.tenantId, { planId: plan.id, confirmName: 'butterfly-google' });
    await app.runDueJobs();
    const applied = await getRestorePlan(app.deps, t.tenantId, { planId: plan.id });
    expect(applied.status, applied.error ?? '').toBe('applied');
    expect(applied.steps.filter((s) => s.how === 'set by hand').map((s) => s.status)).toEqual(['skipped']);

    await app.backupThroughJobs(t);
    const fresh = (await completeSnapshots(db, t.connectionId)).at(-1)!.id;
    expect(fresh).not.toBe(snapshotId);
    const idMap = await connectionIdMapOf(db, t.connectionId);
    const restored = applied.steps.filter((s) => s.action !== 'skip');
    const after = new Map<string, unknown>();
    for await (const o of readSnapshot(app.deps, t.tenantId, fresh)) after.set(`${o.type} ${o.id}`, o.body);
    const problems: string[] = [];
    for await (const o of readSnapshot(app.deps, t.tenantId, snapshotId)) {
      if (!restored.some((s) => s.type === o.type && s.id === o.id)) continue;
      const info = types.get(o.type)!;
      const liveId = liveIdOf(types, o.type, o.id, idMap);
      const want = comparable(info, rewriteBody(info, o.body, idMap));
      const got = comparable(info, after.get(`${o.type} ${liveId}`));
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`${o.type} ${o.id}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
    }
    expect(problems).toEqual([]);
    expect(restored).toHaveLength(8);
    // The members came back by email with their roles.
    const members = field(
      (await all('group.members')).find((m) => m.id === idMap.get(`group\u0000${made.group.id}`)),
      'members',
    );
    expect(members.map((m: any) => `${m.email} ${m.role}`).sort()).toEqual([
      `${GOOGLE_DEMO.admin} OWNER`,
      `${GOOGLE_DEMO.member} MEMBER`,
    ]);
  }, 180_000);

  it('previews again from the same snapshot: only the manual step is left', async () => {
    const { planId } = await requestRestorePreview(app.deps, t.tenantId, { snapshotId, scope: { types: TYPES } });
    await app.runDueJobs();
    const again = await getRestorePlan(app.deps, t.tenantId, { planId });
    expect(again.status, again.error ?? '').toBe('ready');
    expect(again.steps.map((s) => `${s.action} ${s.type} (${s.how})`)).toEqual(['skip policy (set by hand)']);
  }, 180_000);

  it('previews with the read scopes only, naming the writes the client id is not authorized for', async () => {
    const blue = (await all('orgUnit')).find((o) => field(o, 'orgUnitPath') === '/Drills/Blue')!;
    await writer.writeObject({ type: 'orgUnit', id: blue.id }, { kind: 'delete' });
    // The admin takes the org unit write scope away from the service account's client id.
    const scopes = [...GOOGLE_READ_SCOPES, ...GOOGLE_WRITE_SCOPES].filter(
      (x) => !x.endsWith('admin.directory.orgunit'),
    );
    const delegation = `/customers/${GOOGLE_DEMO.customerId}/delegations/${GOOGLE_DEMO.backup.clientId}`;
    expect((await googleControl(world.sim.url, 'PUT', delegation, { scopes })).status).toBe(200);
    const { planId } = await requestRestorePreview(app.deps, t.tenantId, { snapshotId, scope: { types: ['orgUnit'] } });
    await app.runDueJobs();
    const narrowed = await getRestorePlan(app.deps, t.tenantId, { planId });
    expect(narrowed.status, narrowed.error ?? '').toBe('ready');
    const orgunit = 'https://www.googleapis.com/auth/admin.directory.orgunit';
    expect(narrowed.steps.map((s) => [s.action, s.label, s.caveats.map((c) => c.kind)])).toEqual([
      ['create', 'Blue', ['new_id', 'missing_scope']],
    ]);
    expect(narrowed.caveats).toContainEqual(expect.objectContaining({ kind: 'missing_scope', scopes: [orgunit] }));
  }, 180_000);
});

/**
 * A body as compared after a restore: volatile fields aside (a policy's CEL `policyQuery.query`), and
 * the field that holds the object's own Google id (a re-created object has a new one; references to
 * it, `parentOrgUnitId` included, were rewritten through the id map): a group's `id`, an org unit's
 * `orgUnitId`, an assignment's `roleAssignmentId`, a policy's `name`.
 */
const OWN_IDS: Record<string, string> = {
  group: 'id',
  orgUnit: 'orgUnitId',
  roleAssignment: 'roleAssignmentId',
  policy: 'name',
};
function comparable(info: IdpObjectTypeInfo, body: unknown) {
  if (!body) return body;
  const b = structuredClone(withoutVolatile(info, body)) as Record<string, unknown>;
  const own = OWN_IDS[info.type];
  if (own) delete b[own];
  return JSON.parse(JSON.stringify(b));
}
