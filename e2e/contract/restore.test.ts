import { createOktaClient } from '@butterfly/connectors';
import { useTestDatabase } from '@butterfly/db/testing';
import { loadConnectionConfig, setWriteCredential } from '@butterfly/domain/connections';
import {
  applyRestore,
  createRestorePlan,
  getRestorePlan,
  newIdMark,
  previewRestore,
  requestRestoreApply,
  requestRestorePreview,
  type RestorePlanDetail,
} from '@butterfly/domain/restores';
import { runBackup } from '@butterfly/domain/snapshots';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product } from './support/product.ts';
import { cliWithin, idMapOf, restoredDiff } from './support/restore-compare.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/**
 * Issue 8: restore preview and apply against okta-sim, through the real connector (reads with the
 * backup's SSWS token, writes with a separate OAuth write credential), the domain, the jobs'
 * `restore_preview` / `restore_apply` tasks and, for the crash test, the worker process itself.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim;
let org: SimOrgHandle;
let t: { tenantId: string; connectionId: string; connectionName: string };

beforeAll(async () => {
  // A little latency, so the worker can be killed between two steps of an apply.
  sim = await startSim({ users: 60, rateScale: 100, latencyMs: 15 });
  org = await orgHandle(sim);
  await app.migrateJobs();
  t = await app.tenantWithConnection('acme', { orgUrl: org.url, credentials: { kind: 'ssws', token: org.apiToken } });
  await setWriteCredential(app.deps, t.tenantId, {
    connectionId: t.connectionId,
    credentials: { kind: 'oauth', clientId: org.clientId, privateKey: org.privateKeyPem },
  });
}, 120_000);
afterAll(async () => {
  await sim?.close();
  await app.close();
});

const readClient = async () =>
  createOktaClient(await loadConnectionConfig(app.deps, t.tenantId, t.connectionId), { allowPrivateNetwork: true });
const backup = async () =>
  runBackup(app.deps, {
    tenantId: t.tenantId,
    connectionId: t.connectionId,
    trigger: 'manual',
    client: await readClient(),
  });
const find = async (path: string, pick: (x: any) => boolean) => ((await org.api('GET', path)).body as any[]).find(pick);
const put = async (path: string, body: unknown) =>
  expect((await org.api('PUT', path, withoutLinks(body))).status).toBe(200);
const withoutLinks = (b: any) => {
  const { _links, ...rest } = b;
  return rest;
};
const cli = (...args: string[]) => cliWithin(app.env, 60_000, ...args);
const byKind = (plan: RestorePlanDetail) =>
  plan.steps.map((s) => `${s.action} ${s.type}${s.type === 'group.member' ? '' : ` ${s.label}`}`);

describe('restore preview and apply against okta-sim', () => {
  let snapshotId: string;
  let plan: RestorePlanDetail;
  let contractors: any;
  let rule: any;
  let contractorPolicy: any;

  it('previews a deleted group referenced by a rule and a policy, and a changed password setting', async () => {
    snapshotId = (await backup()).snapshotId;
    contractors = await find('/api/v1/groups?q=Contractors', () => true);
    rule = await find('/api/v1/groups/rules', (r) => r.name === 'Contractors');
    contractorPolicy = await find('/api/v1/policies?type=PASSWORD', (p) => p.name === 'Contractor passwords');
    const members = (await org.api('GET', `/api/v1/groups/${contractors.id}/users`)).body.length;
    expect(members).toBeGreaterThan(0);
    expect(rule.actions.assignUserToGroups.groupIds).toEqual([contractors.id]);
    expect(contractorPolicy.conditions.people.groups.include).toEqual([contractors.id]);

    expect((await org.api('DELETE', `/api/v1/groups/${contractors.id}`)).status).toBe(204);
    const defaultPolicy = await find('/api/v1/policies?type=PASSWORD', (p) => p.name === 'Default Policy');
    const lockout = defaultPolicy.settings.password.lockout.maxAttempts;
    defaultPolicy.settings.password.lockout.maxAttempts = 3;
    await put(`/api/v1/policies/${defaultPolicy.id}`, defaultPolicy);

    const { planId } = await requestRestorePreview(app.deps, t.tenantId, { snapshotId });
    await app.runDueJobs();
    plan = await getRestorePlan(app.deps, t.tenantId, { planId });
    expect(plan).toMatchObject({ status: 'ready', needsApproval: false });

    // Untouched objects give no steps: exactly the group, its memberships, the rule and the two policies.
    expect(byKind(plan).sort()).toEqual(
      [
        'create group Contractors',
        ...Array.from({ length: members }, () => 'create group.member'),
        'update group_rule Contractors',
        'update policy.PASSWORD Contractor passwords',
        'update policy.PASSWORD Default Policy',
      ].sort(),
    );
    const seq = (type: string, label?: string) =>
      plan.steps.find((s) => s.type === type && (!label || s.label === label))!.seq;
    const group = plan.steps.find((s) => s.type === 'group')!;
    expect(group.seq).toBeLessThan(seq('group_rule'));
    expect(group.seq).toBeLessThan(seq('policy.PASSWORD', 'Contractor passwords'));
    expect(seq('group_rule')).toBeGreaterThan(0);
    expect(plan.steps.find((s) => s.type === 'group_rule')!.after).toContain(group.seq);

    // The group gets a new id; the plan names every reference it rewrites.
    const newId = group.caveats.find((c) => c.kind === 'new_id');
    expect(newId?.message).toContain('new id');
    expect(newId).toMatchObject({
      referencedBy: expect.arrayContaining([
        { type: 'group_rule', id: rule.id, path: 'actions.assignUserToGroups.groupIds[0]', rewritten: true },
        {
          type: 'policy.PASSWORD',
          id: contractorPolicy.id,
          path: 'conditions.people.groups.include[0]',
          rewritten: true,
        },
      ]),
    });
    expect(plan.idMap).toEqual([{ type: 'group', oldId: contractors.id, newId: null, stepSeq: group.seq }]);
    const policyStep = plan.steps.find((s) => s.label === 'Contractor passwords')!;
    expect(policyStep.rewrites).toEqual([
      { path: 'conditions.people.groups.include[0]', type: 'group', oldId: contractors.id },
    ]);
    expect(policyStep.changes).toEqual([
      {
        path: '$.conditions.people.groups.include[0]',
        before: contractors.id,
        after: newIdMark('group', contractors.id),
        kind: 'changed',
      },
    ]);
    // The changed setting: an update, before → after (live → snapshot).
    expect(plan.steps.find((s) => s.label === 'Default Policy')!.changes).toEqual([
      { path: '$.settings.password.lockout.maxAttempts', before: 3, after: lockout, kind: 'changed' },
    ]);
    // The rule brings the group's members back: its blast radius, estimated from the snapshot.
    expect(plan.steps.find((s) => s.type === 'group_rule')!.blast).toEqual({ provision: members, deprovision: 0 });
    expect(plan.summary).toMatchObject({ blastRadius: members, newIds: 1 });
  });

  it('applies it: a backup first, every step recorded, and a fresh backup equals the snapshot (ids paired through the id map)', async () => {
    await requestRestoreApply(app.deps, t.tenantId, { planId: plan.id, confirmName: t.connectionName });
    await app.runDueJobs();
    const applied = await getRestorePlan(app.deps, t.tenantId, { planId: plan.id });
    expect(applied.status, applied.error ?? '').toBe('applied');
    expect(applied.preApplySnapshotId).toBeTruthy();
    expect(applied.steps.every((s) => s.status === 'done')).toBe(true);
    const newGroupId = applied.idMap[0]!.newId!;
    expect(newGroupId).toMatch(/^00g/);
    expect(newGroupId).not.toBe(contractors.id);

    const restored = await find('/api/v1/groups/rules', (r) => r.name === 'Contractors');
    expect(restored).toMatchObject({ status: 'ACTIVE', actions: { assignUserToGroups: { groupIds: [newGroupId] } } });
    const fresh = await backup();
    const types = new Map((await readClient()).objectTypes().map((i) => [i.type, i]));
    expect(
      await restoredDiff(app.deps, t.tenantId, snapshotId, fresh.snapshotId, {
        types,
        idMap: await idMapOf(db, plan.id),
      }),
    ).toEqual([]);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', t.tenantId)
      .where('action', 'like', 'restore.%')
      .execute();
    expect(audit.filter((a) => a.action === 'restore.step_applied')).toHaveLength(plan.steps.length);
  });

  it('refuses a stale plan: an object it touches changed after the preview', async () => {
    const base = (await backup()).snapshotId;
    const zone = await find('/api/v1/zones', (z) => !z.system && z.type === 'IP');
    await put(`/api/v1/zones/${zone.id}`, { ...zone, name: `${zone.name} (renamed)` });
    const p = await createRestorePlan(app.deps, t.tenantId, { snapshotId: base, scope: { types: ['network_zone'] } });
    await previewRestore(app.deps, { tenantId: t.tenantId, planId: p.id, client: await readClient() });
    expect(byKind(await getRestorePlan(app.deps, t.tenantId, { planId: p.id }))).toEqual([
      `update network_zone ${zone.name}`,
    ]);
    // Someone changes the zone again before the apply.
    await put(`/api/v1/zones/${zone.id}`, { ...zone, name: `${zone.name} (again)` });
    // The zone is one the global session policy names: a lockout risk, acknowledged (restore-lifecycle.test.ts).
    await requestRestoreApply(
      app.deps,
      t.tenantId,
      { planId: p.id, acknowledgeLockoutRisk: true, confirmName: t.connectionName },
      { inProcess: true },
    );
    const writeClient = createOktaClient(
      await loadConnectionConfig(app.deps, t.tenantId, t.connectionId, { purpose: 'restore' }),
      { allowPrivateNetwork: true },
    );
    await expect(
      applyRestore(app.deps, { tenantId: t.tenantId, planId: p.id, readClient: await readClient(), writeClient }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /^Stale plan, preview again: 1 object\(s\) changed since the preview \(network_zone /,
      ),
    });
    expect((await getRestorePlan(app.deps, t.tenantId, { planId: p.id })).status).toBe('stale');
    expect((await org.api('GET', `/api/v1/zones/${zone.id}`)).body.name).toBe(`${zone.name} (again)`);
    await expect(
      requestRestoreApply(app.deps, t.tenantId, { planId: p.id, confirmName: t.connectionName }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('preview again') });
  });

  it('resumes an apply whose worker was killed mid-way, with every effect exactly once', async () => {
    const base = (await backup()).snapshotId;
    const names = ['Managers', 'VPN Users', 'IT Support', 'Interns'];
    for (const name of names) {
      const g = await find(`/api/v1/groups?q=${encodeURIComponent(name)}`, (x) => x.profile.name === name);
      expect((await org.api('DELETE', `/api/v1/groups/${g.id}`)).status).toBe(204);
    }
    const p = await createRestorePlan(app.deps, t.tenantId, {
      snapshotId: base,
      scope: { types: ['group', 'group.member', 'group_rule', 'policy.MFA_ENROLL'] },
    });
    await previewRestore(app.deps, { tenantId: t.tenantId, planId: p.id, client: await readClient() });
    const planned = await getRestorePlan(app.deps, t.tenantId, { planId: p.id });
    expect(planned.steps.length).toBeGreaterThan(10);
    const since = new Date().toISOString();
    // The enrollment policy naming the deleted groups is updated: a lockout risk, acknowledged.
    await requestRestoreApply(app.deps, t.tenantId, {
      planId: p.id,
      acknowledgeLockoutRisk: true,
      confirmName: t.connectionName,
    });

    const worker = app.startWorker();
    const done = () =>
      db
        .selectFrom('restore_steps')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('plan_id', '=', p.id)
        .where('status', '=', 'done')
        .executeTakeFirstOrThrow();
    for (let i = 0; i < 600 && Number((await done()).n) < 3; i++) await new Promise((r) => setTimeout(r, 50));
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');
    const halfway = await getRestorePlan(app.deps, t.tenantId, { planId: p.id });
    const doneAtKill = halfway.steps.filter((s) => s.status === 'done').length;
    expect(halfway.status, worker.output()).toBe('applying');
    expect(doneAtKill).toBeGreaterThanOrEqual(3);
    expect(doneAtKill).toBeLessThan(planned.steps.length);

    // Make the crash land at the worst moment for one group: its POST reached Okta, the worker died
    // before recording it, and someone edited the group since. The resumed apply must adopt that
    // group, not create a second one, and give it the snapshot's content.
    const pending = halfway.steps.find((s) => s.type === 'group' && s.status !== 'done');
    if (pending) {
      // (The killed worker may really have got that far with it.)
      const exists = await find(
        `/api/v1/groups?q=${encodeURIComponent(pending.label)}`,
        (x) => x.profile.name === pending.label,
      );
      const profile = { name: pending.label, description: 'made by the killed worker' };
      const made = exists
        ? await org.api('PUT', `/api/v1/groups/${exists.id}`, { profile })
        : await org.api('POST', '/api/v1/groups', { profile });
      expect(made.status).toBe(200);
      await db
        .updateTable('restore_steps')
        .set({ status: 'running' })
        .where('plan_id', '=', p.id)
        .where('seq', '=', pending.seq)
        .execute();
    }

    // The operator runs it again: a new job, and the worker's lock on the plan died with it (the lockout risk acknowledged again).
    await requestRestoreApply(app.deps, t.tenantId, {
      planId: p.id,
      acknowledgeLockoutRisk: true,
      confirmName: t.connectionName,
    });
    await app.runDueJobs();
    const applied = await getRestorePlan(app.deps, t.tenantId, { planId: p.id });
    expect(applied.status, applied.error ?? '').toBe('applied');
    expect(applied.preApplySnapshotId).toBe(halfway.preApplySnapshotId);

    // Exactly once: one group per name, one create event each in the System Log, one audit entry per step.
    for (const name of names)
      expect(
        (
          (await org.api('GET', `/api/v1/groups?q=${encodeURIComponent(name)}`)).body as {
            id: string;
            profile: { name: string };
          }[]
        ).filter((g) => g.profile.name === name),
      ).toHaveLength(1);
    const events = (
      await org.api(
        'GET',
        `/api/v1/logs?since=${since}&limit=1000&filter=${encodeURIComponent('eventType eq "group.lifecycle.create"')}`,
      )
    ).body as any[];
    expect(events.map((e) => e.target[0].displayName).sort()).toEqual([...names].sort());
    const steps = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', t.tenantId)
      .where('action', '=', 'restore.step_applied')
      .where('target_id', '=', p.id)
      .execute();
    expect(steps.map((a) => (a.data as { seq: number }).seq).sort((x, y) => x - y)).toEqual(
      planned.steps.map((s) => s.seq),
    );
    if (pending)
      expect(steps.find((a) => (a.data as { seq: number }).seq === pending.seq)?.data).toMatchObject({ adopted: true });
    const fresh = await backup();
    const types = new Map((await readClient()).objectTypes().map((i) => [i.type, i]));
    const scope = new Set(['group', 'group.member', 'group_rule', 'policy.MFA_ENROLL']);
    expect(
      await restoredDiff(app.deps, t.tenantId, base, fresh.snapshotId, {
        types,
        idMap: await idMapOf(db, p.id),
        only: (type) => scope.has(type),
      }),
    ).toEqual([]);
  });

  it('works from the CLI: preview (plan id last), show, a refused self-approval, apply refused without a confirmation, apply --wait --yes', async () => {
    const base = (await backup()).snapshotId;
    const zone = (
      await org.api('POST', '/api/v1/zones', {
        type: 'IP',
        name: 'Added since the snapshot',
        gateways: [{ type: 'CIDR', value: '10.9.0.0/16' }],
      })
    ).body;
    const preview = await cli('restore', 'preview', 'acme', base, '--types', 'network_zone', '--deletions');
    expect(preview.code, preview.stderr).toBe(0);
    const planId = preview.stdout.trim().split('\n').at(-1)!;
    const shown = await cli('restore', 'show', planId, '--json');
    const plan = JSON.parse(shown.stdout) as RestorePlanDetail;
    expect(plan.steps.map((s) => `${s.action} ${s.type} ${s.id}`)).toEqual([`delete network_zone ${zone.id}`]);
    expect(plan.needsApproval).toBe(true);
    expect((await cli('restore', 'show', planId)).stdout).toContain(`plan ${plan.shortCode}`);

    const early = await cli('restore', 'apply', planId, '--wait', '--yes');
    expect([early.code, early.stderr]).toEqual([1, expect.stringMatching(/^error CONFLICT: .*approve/)]);
    // The operator who asked for the preview cannot also be its second pair of eyes.
    const self = await cli('restore', 'approve', planId, '--confirm', plan.shortCode);
    expect([self.code, self.stderr]).toEqual([1, expect.stringContaining('cannot approve')]);
    const approved = await cli('restore', 'approve', planId, '--confirm', 'NOPE-NOPE');
    expect(approved.code).toBe(1);
    await approveAsAnotherOperator(planId, plan.shortCode);
    // No terminal to type the connection's name on, and no --yes: refused, nothing written.
    const unconfirmed = await cli('restore', 'apply', planId, '--wait');
    expect([unconfirmed.code, unconfirmed.stderr]).toEqual([
      2,
      expect.stringContaining(`asks for the connection's name ("${t.connectionName}")`),
    ]);
    expect((await org.api('GET', `/api/v1/zones/${zone.id}`)).status).toBe(200);
    const applied = await cli('restore', 'apply', planId, '--wait', '--yes');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.trim().split('\n').at(-1)).toBe(planId);
    expect((await org.api('GET', `/api/v1/zones/${zone.id}`)).status).toBe(404);
  });

  it('stops cleanly on an object re-created by name since the preview, and resumes once that is resolved', async () => {
    const base = (await backup()).snapshotId;
    const legal = await find('/api/v1/groups?q=Legal', (g) => g.profile.name === 'Legal');
    expect((await org.api('DELETE', `/api/v1/groups/${legal.id}`)).status).toBe(204);
    const p = await createRestorePlan(app.deps, t.tenantId, { snapshotId: base, scope: { types: ['group'] } });
    await previewRestore(app.deps, { tenantId: t.tenantId, planId: p.id, client: await readClient() });
    expect(byKind(await getRestorePlan(app.deps, t.tenantId, { planId: p.id }))).toEqual(['create group Legal']);

    // Someone re-creates it by hand between the preview and the apply.
    const again = (await org.api('POST', '/api/v1/groups', { profile: { name: 'Legal', description: 'made by hand' } }))
      .body;
    await requestRestoreApply(
      app.deps,
      t.tenantId,
      { planId: p.id, confirmName: t.connectionName },
      { inProcess: true },
    );
    const writeClient = async () =>
      createOktaClient(await loadConnectionConfig(app.deps, t.tenantId, t.connectionId, { purpose: 'restore' }), {
        allowPrivateNetwork: true,
      });
    const apply = async () =>
      applyRestore(app.deps, {
        tenantId: t.tenantId,
        planId: p.id,
        readClient: await readClient(),
        writeClient: await writeClient(),
      });
    await expect(apply()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^1 step\(s\) conflict with the org: group Legal exists again \(/),
    });
    const stopped = await getRestorePlan(app.deps, t.tenantId, { planId: p.id });
    expect(stopped.status).toBe('apply_failed');
    expect(stopped.steps.map((s) => [s.status, s.error])).toEqual([
      ['pending', expect.stringContaining(`${again.id}, made since the preview`)],
    ]);
    // Nothing half-written: one Legal, the one made by hand.
    const named = async () =>
      ((await org.api('GET', '/api/v1/groups?q=Legal')).body as { id: string; profile: { name: string } }[])
        .filter((g) => g.profile.name === 'Legal')
        .map((g) => g.id);
    expect(await named()).toEqual([again.id]);

    // Resolved (the hand-made one removed): the same plan resumes and completes.
    expect((await org.api('DELETE', `/api/v1/groups/${again.id}`)).status).toBe(204);
    await requestRestoreApply(
      app.deps,
      t.tenantId,
      { planId: p.id, confirmName: t.connectionName },
      { inProcess: true },
    );
    expect((await apply()).status).toBe('applied');
    expect(await named()).toHaveLength(1);
  });
});

/** A second operator (another person at the shell) approves: the four-eyes rule compares who. */
async function approveAsAnotherOperator(planId: string, code: string) {
  const { approveRestore } = await import('@butterfly/domain/restores');
  const tenantId = (
    await db.selectFrom('restore_plans').select('tenant_id').where('id', '=', planId).executeTakeFirstOrThrow()
  ).tenant_id;
  await approveRestore({ ...app.deps, actor: { kind: 'operator', label: 'cli:second-operator' } }, tenantId, {
    planId,
    confirm: code,
  });
}
