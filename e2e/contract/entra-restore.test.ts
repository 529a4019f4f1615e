import { useTestDatabase } from '@butterfly/db/testing';
import type { EntraSim } from '@butterfly/entra-sim';
import { addEntraConnection } from '@butterfly/domain/connections';
import {
  getRestorePlan,
  newIdMark,
  requestRestoreApply,
  requestRestorePreview,
  type RestorePlanDetail,
} from '@butterfly/domain/restores';
import { createTenant } from '@butterfly/domain/tenants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_BACKUP_APP, ENTRA_DIRECTORY, type EntraGraph, entraGraph, startEntraSim } from './support/entra-sim.ts';
import { product } from './support/product.ts';

/**
 * Issue 21, decision 059: a Conditional Access policy deleted in entra-sim (with the named location
 * it excludes) and a soft-deleted application, previewed and restored through the jobs: the policy
 * comes back in report-only state with its reference rewritten to the re-created location, the app
 * from deleted items with its id; `butterfly restore enable-policies` then switches the policy on,
 * refusing while the live policy differs from what the restore wrote.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
const CA_PATH = '/identity/conditionalAccess/policies';
const LOC_PATH = '/identity/conditionalAccess/namedLocations';
let sim: EntraSim | undefined;
let graph: EntraGraph;
let t: { tenantId: string; connectionId: string };
let adminId = '';
let location: any;
let policy: any;
let drillApp: any;
let blockAll: any;

beforeAll(async () => {
  sim = await startEntraSim();
  graph = entraGraph(sim.url);
  await app.migrateJobs();
  const admins = await graph('GET', `/users?$filter=userPrincipalName eq 'admin@butterfly-demo.test'`);
  adminId = admins.body.value[0].id;
  location = (
    await graph('POST', LOC_PATH, {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      displayName: 'Drill HQ',
      isTrusted: true,
      ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '198.51.100.0/24' }],
    })
  ).body;
  policy = (
    await graph('POST', CA_PATH, {
      displayName: 'Drill: MFA outside HQ',
      state: 'enabled',
      conditions: {
        users: { includeUsers: ['All'], excludeUsers: [adminId] },
        applications: { includeApplications: ['All'] },
        locations: { includeLocations: ['All'], excludeLocations: [location.id] },
        clientAppTypes: ['all'],
      },
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    })
  ).body;
  // Blocks everyone, the only Global Administrator included: enabling it needs an acknowledgement.
  blockAll = (
    await graph('POST', CA_PATH, {
      displayName: 'Drill: block all',
      state: 'enabled',
      conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] } },
      grantControls: { operator: 'OR', builtInControls: ['block'] },
    })
  ).body;
  drillApp = (await graph('POST', '/applications', { displayName: 'Drill app', notes: 'kept' })).body;
  const tenant = await createTenant(app.deps, { slug: 'fabrikam', name: 'fabrikam', domains: [] });
  const c = await addEntraConnection(app.deps, tenant.id, {
    name: 'fabrikam-entra',
    directoryId: ENTRA_DIRECTORY,
    clientId: ENTRA_BACKUP_APP.clientId,
    credentials: { kind: 'client_secret', clientSecret: ENTRA_BACKUP_APP.secret },
    loginUrl: sim.url,
    graphUrl: sim.url,
  });
  t = { tenantId: tenant.id, connectionId: c.id };
}, 60_000);
afterAll(async () => {
  await sim?.close();
  await app.close();
});

const livePolicies = async () => (await graph('GET', CA_PATH)).body.value as any[];

describe('restore to entra-sim', () => {
  let plan: RestorePlanDetail;
  let restoredId = '';

  it('previews a deleted CA policy (report-only, its location re-created) and a soft-deleted app (from deleted items)', async () => {
    await app.backupThroughJobs(t);
    const snap = await db
      .selectFrom('snapshots')
      .select('id')
      .where('connection_id', '=', t.connectionId)
      .where('status', '=', 'complete')
      .executeTakeFirstOrThrow();
    expect((await graph('DELETE', `${CA_PATH}/${policy.id}`)).status).toBe(204);
    expect((await graph('DELETE', `${CA_PATH}/${blockAll.id}`)).status).toBe(204);
    expect((await graph('DELETE', `${LOC_PATH}/${location.id}`)).status).toBe(204);
    expect((await graph('DELETE', `/applications/${drillApp.id}`)).status).toBe(204);

    const { planId } = await requestRestorePreview(app.deps, t.tenantId, {
      snapshotId: snap.id,
      scope: { types: ['namedLocation', 'conditionalAccessPolicy', 'application'] },
    });
    await app.runDueJobs();
    plan = await getRestorePlan(app.deps, t.tenantId, { planId });
    expect(plan.status, plan.error ?? '').toBe('ready');
    expect(plan.steps.map((s) => `${s.action} ${s.type} ${s.label} (${s.how})`).sort()).toEqual([
      'create application Drill app (restore from deleted items)',
      'create conditionalAccessPolicy Drill: MFA outside HQ (create)',
      'create conditionalAccessPolicy Drill: block all (create)',
      'create namedLocation Drill HQ (create)',
    ]);
    const step = (type: string) => plan.steps.find((s) => s.type === type)!;
    const ca = plan.steps.find((s) => s.label === 'Drill: MFA outside HQ')!;
    const restoredApp = step('application');
    // The location is re-created before the policy that names it.
    expect(step('namedLocation').seq).toBeLessThan(ca.seq);
    expect(plan.summary).toMatchObject({ newIds: 3 });
    expect(ca!.caveats.map((c) => c.kind).sort()).toEqual(['credentials', 'new_id', 'report_only']);
    expect(ca!.caveats.find((c) => c.kind === 'report_only')!.message).toContain('enabledForReportingButNotEnforced');
    expect(ca!.rewrites).toEqual([
      { path: 'conditions.locations.excludeLocations[0]', type: 'namedLocation', oldId: location.id },
    ]);
    // The new body shows the re-created location's id as a mark until apply knows it.
    expect(JSON.stringify(ca!.changes)).toContain(JSON.stringify(newIdMark('namedLocation', location.id)));
    // Keeps its id: no new-id caveat, and the preview says where it comes from.
    expect(restoredApp!.caveats.map((c) => c.kind)).toEqual(['from_deleted']);
    expect(plan.caveats.map((c) => c.kind)).toContain('report_only');
  }, 120_000);

  it('applies it: the policy in report-only naming the new location, the app back with its id', async () => {
    await requestRestoreApply(app.deps, t.tenantId, { planId: plan.id, confirmName: 'fabrikam-entra' });
    await app.runDueJobs();
    const applied = await getRestorePlan(app.deps, t.tenantId, { planId: plan.id });
    expect(applied.status, applied.error ?? '').toBe('applied');
    const newLocation = (await graph('GET', LOC_PATH)).body.value.find((l: any) => l.displayName === 'Drill HQ');
    expect(newLocation.id).not.toBe(location.id);
    const restored = (await livePolicies()).find((p) => p.displayName === 'Drill: MFA outside HQ');
    expect((await livePolicies()).find((p) => p.displayName === 'Drill: block all').state).toBe(
      'enabledForReportingButNotEnforced',
    );
    restoredId = restored.id;
    expect(restored.id).not.toBe(policy.id);
    expect(restored.state).toBe('enabledForReportingButNotEnforced');
    expect(restored.conditions.locations.excludeLocations).toEqual([newLocation.id]);
    expect(restored.conditions.users.excludeUsers).toEqual([adminId]);
    const back = await graph('GET', `/applications/${drillApp.id}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: drillApp.id, appId: drillApp.appId, notes: 'kept' });
  }, 120_000);

  it('enables the restored policy only with the code and only while it is as the restore wrote it', async () => {
    const enable = (code: string, ...more: string[]) =>
      app.cli('restore', 'enable-policies', 'fabrikam', plan.id, '--confirm', code, '--json', ...more);
    const states = async () =>
      Object.fromEntries(
        (await livePolicies()).filter((p) => p.displayName.startsWith('Drill')).map((p) => [p.displayName, p.state]),
      );
    const wrong = await enable('WRONG1');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('does not match');

    // Someone edits it in the meantime: refused, nothing switched on.
    expect((await graph('PATCH', `${CA_PATH}/${restoredId}`, { displayName: 'Edited by hand' })).status).toBe(204);
    const changed = await enable(plan.shortCode);
    expect(changed.code).not.toBe(0);
    expect(changed.stderr).toContain('changed since the restore');
    expect((await livePolicies()).find((p) => p.id === restoredId).state).toBe('enabledForReportingButNotEnforced');

    expect((await graph('PATCH', `${CA_PATH}/${restoredId}`, { displayName: 'Drill: MFA outside HQ' })).status).toBe(
      204,
    );
    // The block-all policy would lock the only Global Administrator out: refused, nothing switched.
    const risky = await enable(plan.shortCode);
    expect(risky.code).not.toBe(0);
    expect(risky.stderr).toContain('Lockout risk: Drill: block all');
    expect(risky.stderr).toContain('admin@butterfly-demo.test');
    expect(await states()).toEqual({
      'Drill: MFA outside HQ': 'enabledForReportingButNotEnforced',
      'Drill: block all': 'enabledForReportingButNotEnforced',
    });

    const ok = await enable(plan.shortCode, '--acknowledge-lockout-risk');
    expect(ok.code, ok.stderr).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(out.planId).toBe(plan.id);
    expect(out.policies).toContainEqual(expect.objectContaining({ liveId: restoredId, state: 'enabled' }));
    expect(out.policies).toHaveLength(2);
    expect(await states()).toEqual({ 'Drill: MFA outside HQ': 'enabled', 'Drill: block all': 'enabled' });
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('tenant_id', '=', t.tenantId)
      .where('action', 'like', 'restore.policies_%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => `${a.action} ${a.outcome}`)).toEqual([
      'restore.policies_enable_refused denied',
      'restore.policies_enable_refused denied',
      'restore.policies_enable_refused denied',
      'restore.policies_enabled success',
    ]);
  }, 120_000);
});
