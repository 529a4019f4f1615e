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
import { connectionIdMapOf, restoredDiff } from './support/restore-compare.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/** What these tests read of the objects okta-sim lists. */
interface Listed {
  id: string;
  name?: string;
  label?: string;
  scopeId?: string;
  profile: { name?: string };
  credentials?: { oauthClient?: { client_id?: string } };
  actions: { assignUserToGroups: { groupIds: string[] } };
}

/**
 * Issue 16, restore correctness, as a customer tries it: back up; delete an app with its sign-in
 * policy mapping, a group that rules name, and the app's sign-in policy; preview; apply; preview
 * again (nothing left to do); a fresh backup equals the snapshot (ids paired through the
 * connection's id map); the app is on its restored policy. Once with an SSWS connection, once with
 * an OAuth service-app connection (every write then needs its exact `.manage` scope).
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
afterAll(() => app.close());

for (const kind of ['ssws', 'oauth'] as const) {
  describe(`a restore run twice (${kind} connection)`, () => {
    let sim: OktaSim;
    let org: SimOrgHandle;
    let t: { tenantId: string; connectionId: string; connectionName: string };
    let snapshotId: string;
    const gone = {} as Record<'app' | 'policy' | 'group' | 'rule', Listed>;

    beforeAll(async () => {
      sim = await startSim({ users: 60, rateScale: 100 });
      org = await orgHandle(sim);
      await app.migrateJobs();
      const credentials =
        kind === 'ssws'
          ? { kind: 'ssws' as const, token: org.apiToken }
          : { kind: 'oauth' as const, clientId: org.clientId, privateKey: org.privateKeyPem };
      t = await app.tenantWithConnection(`rt-${kind}`, { orgUrl: org.url, credentials });
    }, 120_000);
    afterAll(() => sim?.close());

    const readClient = async () =>
      createOktaClient(await loadConnectionConfig(app.deps, t.tenantId, t.connectionId), { allowPrivateNetwork: true });
    const backup = async () =>
      runBackup(app.deps, {
        tenantId: t.tenantId,
        connectionId: t.connectionId,
        trigger: 'manual',
        client: await readClient(),
      });
    const list = async (path: string) => (await org.api('GET', path)).body as Listed[];
    const one = async (path: string, match: (x: Listed) => boolean) => {
      const found = (await list(path)).find(match);
      if (!found) throw new Error(`nothing listed at ${path} matches`);
      return found;
    };
    const preview = async () => {
      const { planId } = await requestRestorePreview(app.deps, t.tenantId, { snapshotId });
      await app.runDueJobs();
      const plan = await getRestorePlan(app.deps, t.tenantId, { planId });
      expect(plan.status, plan.error ?? '').toBe('ready');
      return plan;
    };
    const apply = async (plan: RestorePlanDetail) => {
      if (plan.needsApproval)
        await approveRestore({ ...app.deps, actor: { kind: 'operator', label: 'cli:second-operator' } }, t.tenantId, {
          planId: plan.id,
          confirm: plan.shortCode,
        });
      await requestRestoreApply(app.deps, t.tenantId, { planId: plan.id, confirmName: t.connectionName });
      await app.runDueJobs();
      return getRestorePlan(app.deps, t.tenantId, { planId: plan.id });
    };

    it('backs up, then loses an app with its sign-in policy mapping, that policy, and a group named by rules', async () => {
      snapshotId = (await backup()).snapshotId;
      gone.app = await one('/api/v1/apps', (a) => a.label === 'GitHub Enterprise');
      gone.policy = await one('/api/v1/policies?type=ACCESS_POLICY', (p) => p.name === 'High assurance apps');
      gone.group = await one('/api/v1/groups?q=Contractors', (g) => g.profile.name === 'Contractors');
      gone.rule = await one('/api/v1/groups/rules', (r) => r.name === 'Contractors');
      expect((await list(`/api/v1/policies/${gone.policy.id}/mappings`)).map((m) => m.id)).toContain(gone.app.id);
      expect(gone.rule.actions.assignUserToGroups.groupIds).toEqual([gone.group.id]);

      expect((await org.api('POST', `/api/v1/apps/${gone.app.id}/lifecycle/deactivate`)).status).toBe(200);
      expect((await org.api('DELETE', `/api/v1/apps/${gone.app.id}`)).status).toBe(204);
      expect((await org.api('DELETE', `/api/v1/policies/${gone.policy.id}`)).status).toBe(204);
      expect((await org.api('DELETE', `/api/v1/groups/${gone.group.id}`)).status).toBe(204);
    });

    it('previews and applies the restore: the app comes back on its restored sign-in policy', async () => {
      const plan = await preview();
      const creates = plan.steps.filter((s) => s.action === 'create').map((s) => `${s.type} ${s.label}`);
      expect(creates).toEqual(
        expect.arrayContaining([
          'app GitHub Enterprise',
          'policy.ACCESS_POLICY High assurance apps',
          'group Contractors',
        ]),
      );
      const mapping = plan.steps.find(
        (s) => s.type === 'policy.ACCESS_POLICY.mapping' && s.id === `${gone.policy.id}/${gone.app.id}`,
      );
      expect(mapping?.action).toBe('create');
      expect(mapping?.rewrites).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'app', oldId: gone.app.id }),
          expect.objectContaining({ type: 'policy.ACCESS_POLICY', oldId: gone.policy.id }),
        ]),
      );

      // Rows without a name of their own are labelled by what they join, never by ids.
      const assignments = plan.steps.filter((s) => s.type === 'app.group');
      expect(assignments.length).toBeGreaterThan(0);
      for (const a of assignments) expect(a.label).toMatch(/^GitHub Enterprise → [A-Z][a-z]/);

      const applied = await apply(plan);
      expect(applied.status, applied.error ?? '').toBe('applied');
      const newIdOf = (type: string, oldId: string) =>
        applied.idMap.find((m) => m.type === type && m.oldId === oldId)?.newId;
      const appId = newIdOf('app', gone.app.id);
      const policyId = newIdOf('policy.ACCESS_POLICY', gone.policy.id);
      expect(appId).toMatch(/^0oa/);
      expect(policyId).toMatch(/^rst/);
      // The restored app is on the restored policy, not on the default one.
      expect((await list(`/api/v1/policies/${policyId}/mappings`)).map((m) => m.id)).toContain(appId);
      const rule = await one('/api/v1/groups/rules', (r) => r.name === 'Contractors');
      expect(rule.actions.assignUserToGroups.groupIds).toEqual([newIdOf('group', gone.group.id)]);
    });

    it('previews again from the same snapshot: in sync, nothing to do', async () => {
      const again = await preview();
      expect(again.steps.map((s) => ({ step: `${s.action} ${s.type} ${s.label}`, changes: s.changes }))).toEqual([]);
      expect(again.summary).toMatchObject({ steps: 0, newIds: 0, blastRadius: 0 });
    });

    it('a fresh backup equals the snapshot, ids paired through the connection id map', async () => {
      const fresh = await backup();
      const types = new Map((await readClient()).objectTypes().map((i) => [i.type, i]));
      expect(
        await restoredDiff(app.deps, t.tenantId, snapshotId, fresh.snapshotId, {
          types,
          idMap: await connectionIdMapOf(db, t.connectionId),
        }),
      ).toEqual([]);
    });

    // (SSWS tokens carry their owner's admin role, not scopes: nothing to check there.)
    if (kind === 'oauth')
      it('names, before apply, the writes the service app is not granted the scope for', async () => {
        const serviceApp = await one('/api/v1/apps', (a) => a.credentials?.oauthClient?.client_id === org.clientId);
        const grant = await one(`/api/v1/apps/${serviceApp.id}/grants`, (g) => g.scopeId === 'okta.apps.manage');
        expect((await org.api('DELETE', `/api/v1/apps/${serviceApp.id}/grants/${grant.id}`)).status).toBe(204);
        const restored = await one('/api/v1/apps', (a) => a.label === 'GitHub Enterprise');
        expect((await org.api('POST', `/api/v1/apps/${restored.id}/lifecycle/deactivate`)).status).toBe(200);
        expect((await org.api('DELETE', `/api/v1/apps/${restored.id}`)).status).toBe(204);

        const plan = await preview();
        expect(plan.caveats).toContainEqual(
          expect.objectContaining({ kind: 'missing_scope', scopes: ['okta.apps.manage'] }),
        );
        const stopped = plan.steps.filter((s) => s.caveats.some((c) => c.kind === 'missing_scope')).map((s) => s.type);
        expect(stopped).toEqual(expect.arrayContaining(['app', 'app.group', 'policy.ACCESS_POLICY.mapping']));
        expect(
          plan.steps
            .filter((s) => s.type.startsWith('group'))
            .every((s) => !s.caveats.some((c) => c.kind === 'missing_scope')),
        ).toBe(true);
      });
  });
}
