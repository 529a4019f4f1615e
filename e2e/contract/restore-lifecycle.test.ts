import { createOktaClient } from '@butterfly/connectors';
import { useTestDatabase } from '@butterfly/db/testing';
import { loadConnectionConfig } from '@butterfly/domain/connections';
import {
  approveRestore,
  getRestorePlan,
  type RestorePlanDetail,
  requestRestoreApply,
  requestRestorePreview,
} from '@butterfly/domain/restores';
import { runBackup } from '@butterfly/domain/snapshots';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product } from './support/product.ts';
import { cliWithin } from './support/restore-compare.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/**
 * Issue 16, items 6 and 7 against okta-sim through the real connector. Deactivated objects Okta
 * still holds (a DEPROVISIONED user, an INACTIVE app and policy) come back in place, under their
 * ids, with their assignments; the preview says which way each step takes. A step that changes the
 * global session policy is a lockout risk naming the admins: apply is refused (audited) until the
 * risk is acknowledged, in the domain and through the CLI flag.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim;
let org: SimOrgHandle;
let t: { tenantId: string; connectionId: string; connectionName: string };

beforeAll(async () => {
  sim = await startSim({ users: 40, rateScale: 100 });
  org = await orgHandle(sim);
  await app.migrateJobs();
  t = await app.tenantWithConnection('lifecycle', {
    orgUrl: org.url,
    credentials: { kind: 'ssws', token: org.apiToken },
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
const list = async (path: string) => (await org.api('GET', path)).body as any[];
const get = async (path: string) => (await org.api('GET', path)).body as any;
const withoutLinks = ({ _links, ...rest }: any) => rest;
const preview = async (snapshotId: string) => {
  const { planId } = await requestRestorePreview(app.deps, t.tenantId, { snapshotId });
  await app.runDueJobs();
  const plan = await getRestorePlan(app.deps, t.tenantId, { planId });
  expect(plan.status, plan.error ?? '').toBe('ready');
  return plan;
};
const approveIfNeeded = async (plan: RestorePlanDetail) => {
  if (plan.needsApproval)
    await approveRestore({ ...app.deps, actor: { kind: 'operator', label: 'cli:second-operator' } }, t.tenantId, {
      planId: plan.id,
      confirm: plan.shortCode,
    });
};
const auditOf = (planId: string, action: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'data'])
    .where('tenant_id', '=', t.tenantId)
    .where('target_id', '=', planId)
    .where('action', '=', action)
    .execute();

describe('restore keeps the id where Okta keeps the object', () => {
  let snapshotId: string;
  let user: any;
  let crm: any;
  let policy: any;
  let groupsOfApp: string[];

  it('reactivates and updates a deactivated user, app and policy in place; the preview says so', async () => {
    user = (await list('/api/v1/users?limit=50')).find((u) => u.status === 'ACTIVE' && u.profile.city);
    crm = (await list('/api/v1/apps')).find((a) => a.label === 'GitHub Enterprise');
    policy = (await list('/api/v1/policies?type=PASSWORD')).find((p) => p.name === 'Contractor passwords');
    groupsOfApp = (await list(`/api/v1/apps/${crm.id}/groups`)).map((g) => g.id).sort();
    expect(groupsOfApp.length).toBeGreaterThan(0);
    snapshotId = (await backup()).snapshotId;

    // The user's city changes, then the user is deactivated (Okta keeps a DEPROVISIONED user).
    expect((await org.api('POST', `/api/v1/users/${user.id}`, { profile: { city: 'Nowhere' } })).status).toBe(200);
    expect((await org.api('POST', `/api/v1/users/${user.id}/lifecycle/deactivate`)).status).toBe(200);
    expect((await org.api('POST', `/api/v1/apps/${crm.id}/lifecycle/deactivate`)).status).toBe(200);
    expect((await org.api('POST', `/api/v1/policies/${policy.id}/lifecycle/deactivate`)).status).toBe(204);

    const plan = await preview(snapshotId);
    const paths = Object.fromEntries(
      plan.steps
        .filter((s) => ['user', 'app', 'policy.PASSWORD'].includes(s.type))
        .map((s) => [`${s.type} ${s.id}`, `${s.action}: ${s.how}`]),
    );
    expect(paths).toEqual({
      [`user ${user.id}`]: 'reactivate: reactivate and update',
      [`app ${crm.id}`]: 'reactivate: reactivate',
      [`policy.PASSWORD ${policy.id}`]: 'reactivate: reactivate',
    });
    expect(plan.steps.filter((s) => s.action === 'create')).toEqual([]);
    expect(plan.summary.newIds).toBe(0);

    await approveIfNeeded(plan);
    await requestRestoreApply(app.deps, t.tenantId, { planId: plan.id, confirmName: t.connectionName });
    await app.runDueJobs();
    const applied = await getRestorePlan(app.deps, t.tenantId, { planId: plan.id });
    expect(applied.status, applied.error ?? '').toBe('applied');

    // Same ids, assignments intact, content back. A user activated without a password is PROVISIONED until the welcome flow.
    const back = await get(`/api/v1/users/${user.id}`);
    expect(back.status).toMatch(/^(ACTIVE|PROVISIONED)$/);
    expect(back.profile.city).toBe(user.profile.city);
    expect((await get(`/api/v1/apps/${crm.id}`)).status).toBe('ACTIVE');
    expect((await list(`/api/v1/apps/${crm.id}/groups`)).map((g) => g.id).sort()).toEqual(groupsOfApp);
    expect((await get(`/api/v1/policies/${policy.id}`)).status).toBe('ACTIVE');
    expect(applied.idMap.filter((m) => m.newId && m.newId !== m.oldId)).toEqual([]);
  });

  it('previews again: in sync (the PROVISIONED user counts as the snapshot ACTIVE one)', async () => {
    const again = await preview(snapshotId);
    expect(again.steps.map((s) => `${s.action} ${s.type} ${s.label} ${JSON.stringify(s.changes)}`)).toEqual([]);
  });
});

describe('lockout guard', () => {
  let snapshotId: string;
  let session: any;

  it('flags a change of the global session policy, naming the admins', async () => {
    session = (await list('/api/v1/policies?type=OKTA_SIGN_ON')).find((p) => !p.system);
    snapshotId = (await backup()).snapshotId;
    expect(
      (
        await org.api(
          'PUT',
          `/api/v1/policies/${session.id}`,
          withoutLinks({ ...session, description: 'changed by hand' }),
        )
      ).status,
    ).toBe(200);
    const plan = await preview(snapshotId);
    const step = plan.steps.find((s) => s.type === 'policy.OKTA_SIGN_ON' && s.id === session.id)!;
    const caveat = step.caveats.find((c) => c.kind === 'lockout');
    expect(caveat).toMatchObject({ kind: 'lockout', reason: 'the global session policy' });
    const admins = caveat?.kind === 'lockout' ? caveat.admins : [];
    expect(admins.length).toBeGreaterThan(0);
    for (const a of admins) expect(a).toMatch(/ \(.+@.+\)$/); // names, not ids
    expect(plan.summary.lockout).toEqual({ steps: 1, admins });
  });

  it('refuses to apply without the acknowledgement (audited, nothing queued), then applies with it', async () => {
    const plan = await preview(snapshotId);
    await approveIfNeeded(plan);
    await expect(
      requestRestoreApply(app.deps, t.tenantId, { planId: plan.id, confirmName: t.connectionName }),
    ).rejects.toMatchObject({ code: 'LOCKOUT_RISK_NOT_ACKNOWLEDGED' });
    const refused = await auditOf(plan.id, 'restore.apply_refused');
    expect(refused).toEqual([
      expect.objectContaining({
        outcome: 'failure',
        data: expect.objectContaining({ reason: 'lockout_risk_not_acknowledged', lockoutSteps: 1 }),
      }),
    ]);
    const row = await db
      .selectFrom('restore_plans')
      .select(['status', 'apply_requested_at'])
      .where('id', '=', plan.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ready', apply_requested_at: null });

    await requestRestoreApply(app.deps, t.tenantId, {
      planId: plan.id,
      acknowledgeLockoutRisk: true,
      confirmName: t.connectionName,
    });
    await app.runDueJobs();
    expect((await getRestorePlan(app.deps, t.tenantId, { planId: plan.id })).status).toBe('applied');
    expect(await auditOf(plan.id, 'restore.apply_requested')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ lockoutRiskAcknowledged: true, lockoutSteps: 1 }) }),
    ]);
    expect((await get(`/api/v1/policies/${session.id}`)).description).toBe(session.description);
  });

  it('the CLI refuses without --acknowledge-lockout-risk and applies with it', async () => {
    expect(
      (
        await org.api(
          'PUT',
          `/api/v1/policies/${session.id}`,
          withoutLinks({ ...session, description: 'changed again' }),
        )
      ).status,
    ).toBe(200);
    const plan = await preview(snapshotId);
    await approveIfNeeded(plan);
    const refused = await cliWithin(app.env, 60_000, 'restore', 'apply', plan.id, '--wait', '--yes');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toContain('LOCKOUT_RISK_NOT_ACKNOWLEDGED');
    const ok = await cliWithin(
      app.env,
      120_000,
      'restore',
      'apply',
      plan.id,
      '--wait',
      '--yes',
      '--acknowledge-lockout-risk',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect((await get(`/api/v1/policies/${session.id}`)).description).toBe(session.description);
  }, 180_000);
});
