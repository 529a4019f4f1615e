import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpObject } from '../idp/types.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { approveRestore } from './approve-restore.ts';
import { loadConnectionIdMap } from '../snapshots/connection-id-map.ts';
import { getRestorePlan } from './get-restore-plan.ts';
import { lastRestorePreview } from './last-restore-preview.ts';
import { previewRestore } from './preview-restore.ts';
import { createRestorePlan } from './request-restore-preview.ts';
import { requestRestoreApply } from './request-restore-apply.ts';
import { TYPES } from './testing/types.fixture.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const jobs = { enqueue: async () => ({ jobId: '1' }) };

/** An org as a fake IdP that describes its types like the Okta connector does. */
const idp = (objects: IdpObject[]) => Object.assign(fakeIdp(objects), { objectTypes: () => [...TYPES.values()] });
const group = (id: string, name: string): IdpObject => ({
  type: 'group',
  id,
  body: { id, type: 'OKTA_GROUP', profile: { name } },
});
const member = (g: string, u: string): IdpObject => ({ type: 'group.member', id: `${g}/${u}`, body: { id: u } });
const rule = (status: string): IdpObject => ({
  type: 'group_rule',
  id: 'r1',
  body: { id: 'r1', name: 'Staff', status, actions: { assignUserToGroups: { groupIds: ['g1'] } } },
});

async function setup(threshold = 50) {
  const t = await seedTenant(deps);
  await db.updateTable('tenants').set({ restore_approval_threshold: threshold }).where('id', '=', t.id).execute();
  const connectionId = await seedConnection(deps, t.id);
  const client = idp([group('g1', 'Staff'), ...['u1', 'u2', 'u3'].map((u) => member('g1', u)), rule('ACTIVE')]);
  const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
  const [alice, bob] = [await seedMember(deps, t.id, 'backup_operator'), await seedMember(deps, t.id, 'admin')];
  return {
    t,
    connectionId,
    client,
    snap,
    alice: { ...deps, jobs, actor: memberActor(t.id, alice) },
    bob: { ...deps, jobs, actor: memberActor(t.id, bob) },
  };
}

async function preview(
  as: Parameters<typeof createRestorePlan>[0],
  tenantId: string,
  snapshotId: string,
  client: ReturnType<typeof idp>,
  scope = {},
) {
  const plan = await createRestorePlan(as, tenantId, { snapshotId, scope });
  await previewRestore(deps, { tenantId, planId: plan.id, client });
  return getRestorePlan(deps, tenantId, { planId: plan.id });
}

const nameOf = async (connectionId: string) =>
  (await db.selectFrom('connections').select('name').where('id', '=', connectionId).executeTakeFirstOrThrow()).name;

describe('restore plans', () => {
  it("refuses an apply unless the connection's name is typed, queues nothing and audits the refusal", async () => {
    const s = await setup();
    const queued: string[] = [];
    const enqueue = async (_db: unknown, task: string) => {
      queued.push(task);
      return { jobId: String(queued.length) };
    };
    const alice = { ...s.alice, jobs: { enqueue } };
    s.client.objects[0] = group('g1', 'Renamed since the snapshot');
    const plan = await preview(s.alice, s.t.id, s.snap.snapshotId, s.client);
    expect(plan.steps.map((st) => `${st.action} ${st.type} ${st.id}`)).toEqual(['update group g1']);
    expect(plan).toMatchObject({ status: 'ready', needsApproval: false });
    const name = await nameOf(s.connectionId);
    await expect(requestRestoreApply(alice, s.t.id, { planId: plan.id })).rejects.toMatchObject({
      code: 'CONFIRMATION_MISMATCH',
      message: expect.stringContaining(`Type the connection's name ("${name}")`),
    });
    await expect(
      requestRestoreApply(alice, s.t.id, { planId: plan.id, confirmName: `${name}x` }),
    ).rejects.toMatchObject({ code: 'CONFIRMATION_MISMATCH', message: expect.stringContaining('does not match') });
    await expect(
      requestRestoreApply(alice, s.t.id, { planId: plan.id, confirmName: name.toUpperCase() }),
    ).rejects.toMatchObject({ code: 'CONFIRMATION_MISMATCH' });
    expect(queued).toEqual([]);
    expect(await getRestorePlan(deps, s.t.id, { planId: plan.id })).toMatchObject({ status: 'ready' });
    const refusals = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', s.t.id)
      .where('action', '=', 'restore.apply_refused')
      .execute();
    expect(refusals.map((r) => r.data)).toEqual([
      { reason: 'confirmation_mismatch' },
      { reason: 'confirmation_mismatch' },
      { reason: 'confirmation_mismatch' },
    ]);
    expect(await requestRestoreApply(alice, s.t.id, { planId: plan.id, confirmName: ` ${name} ` })).toMatchObject({
      planId: plan.id,
      jobId: '1',
    });
    expect(queued).toEqual(['restore_apply']);
  });

  it('asks a second member to approve a plan that deletes, with the typed code, and records readiness', async () => {
    const s = await setup();
    expect(await lastRestorePreview(deps, s.t.id, s.connectionId)).toBeNull();
    s.client.objects.push(group('g9', 'Since the snapshot'));
    const plan = await preview(s.alice, s.t.id, s.snap.snapshotId, s.client, { deletions: true });
    expect(plan.steps.map((st) => `${st.action} ${st.type} ${st.id}`)).toEqual(['delete group g9']);
    expect(plan).toMatchObject({ status: 'ready', needsApproval: true });
    expect(await lastRestorePreview(deps, s.t.id, s.connectionId)).toMatchObject({
      planId: plan.id,
      snapshotId: s.snap.snapshotId,
      steps: 1,
    });

    await expect(requestRestoreApply(s.alice, s.t.id, { planId: plan.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('a second member must approve'),
    });
    await expect(approveRestore(s.alice, s.t.id, { planId: plan.id, confirm: plan.shortCode })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('cannot approve'),
    });
    await expect(approveRestore(s.bob, s.t.id, { planId: plan.id, confirm: 'WRONG-CODE' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('does not match'),
    });
    const approved = await approveRestore(s.bob, s.t.id, { planId: plan.id, confirm: plan.shortCode.toLowerCase() });
    expect(approved.approvedBy).toBe(s.bob.actor.kind === 'member' ? s.bob.actor.label : '');
    expect(
      await requestRestoreApply(s.alice, s.t.id, { planId: plan.id, confirmName: await nameOf(s.connectionId) }),
    ).toMatchObject({ planId: plan.id, jobId: '1' });
    const refusals = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', s.t.id)
      .where('action', '=', 'restore.approval_refused')
      .execute();
    expect(refusals.map((r) => r.data)).toEqual([{ reason: 'requester' }, { reason: 'wrong code' }]);
  });

  it('asks for approval past the tenant blast-radius threshold, never below it', async () => {
    const s = await setup(2);
    s.client.objects = s.client.objects.map((o) => (o.type === 'group_rule' ? rule('INACTIVE') : o));
    const plan = await preview(s.alice, s.t.id, s.snap.snapshotId, s.client);
    expect(plan.steps).toMatchObject([
      { action: 'reactivate', type: 'group_rule', blast: { provision: 3, deprovision: 0 } },
    ]);
    expect(plan).toMatchObject({ needsApproval: true, summary: { blastRadius: 3, threshold: 2 } });
    await db.updateTable('tenants').set({ restore_approval_threshold: 3 }).where('id', '=', s.t.id).execute();
    expect(await preview(s.alice, s.t.id, s.snap.snapshotId, s.client)).toMatchObject({ needsApproval: false });
  });

  it('keeps previews and approvals to members who hold the permissions', async () => {
    const s = await setup();
    const auditor = { ...deps, actor: memberActor(s.t.id, await seedMember(deps, s.t.id, 'auditor')) };
    await expect(createRestorePlan(auditor, s.t.id, { snapshotId: s.snap.snapshotId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const plan = await preview(s.alice, s.t.id, s.snap.snapshotId, s.client);
    await expect(approveRestore(auditor, s.t.id, { planId: plan.id, confirm: plan.shortCode })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Any role may read a plan (it is snapshot content); another tenant's is not found.
    expect((await getRestorePlan(auditor, s.t.id, { planId: plan.id })).steps).toEqual([]);
    const other = await seedTenant(deps);
    const outsider = { ...deps, actor: memberActor(other.id, await seedMember(deps, other.id, 'super_admin')) };
    await expect(getRestorePlan(outsider, other.id, { planId: plan.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("keeps the id map per connection, across plans: applied steps only, later ones winning, never another tenant's", async () => {
    const s = await setup();
    const step = async (planId: string, seq: number, status: string, finished: string) =>
      db
        .insertInto('restore_steps')
        .values({
          plan_id: planId,
          seq,
          type: 'group',
          object_id: `g${seq}`,
          action: 'create',
          status,
          detail: Buffer.from('x'),
          finished_at: new Date(finished),
        })
        .execute();
    const plan = async (
      as: typeof s.alice,
      tenantId: string,
      snapshotId: string,
      rows: [number, string, string, string, string][],
    ) => {
      const p = await createRestorePlan(as, tenantId, { snapshotId });
      for (const [seq, status, finished, oldId, newId] of rows) {
        await step(p.id, seq, status, finished);
        await db
          .insertInto('restore_id_map')
          .values({ plan_id: p.id, type: 'group', old_id: oldId, new_id: newId, step_seq: seq })
          .execute();
      }
      return p;
    };
    await plan(s.alice, s.t.id, s.snap.snapshotId, [
      [1, 'done', '2026-01-01', 'g1', 'g1a'],
      [2, 'pending', '2026-01-01', 'g2', 'g2a'],
    ]);
    // A later restore of the same group from an older snapshot, and one of the group it became.
    await plan(s.alice, s.t.id, s.snap.snapshotId, [
      [1, 'done', '2026-02-01', 'g1', 'g1b'],
      [2, 'done', '2026-02-01', 'g1b', 'g1c'],
    ]);
    const other = await setup();
    await plan(other.alice, other.t.id, other.snap.snapshotId, [[1, 'done', '2026-03-01', 'g1', 'elsewhere']]);
    const map = await loadConnectionIdMap(db, s.t.id, s.connectionId);
    expect(Object.fromEntries([...map].map(([k, v]) => [k.replace('\u0000', ':'), v]))).toEqual({
      'group:g1': 'g1c',
      'group:g1b': 'g1c',
    });
    expect(await loadConnectionIdMap(db, s.t.id, other.connectionId)).toEqual(new Map());
  });
});
