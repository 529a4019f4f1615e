import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpObject } from '../idp/types.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getRestorePlan } from './get-restore-plan.ts';
import { previewRestore } from './preview-restore.ts';
import { createRestorePlan } from './request-restore-preview.ts';
import { TYPES } from './testing/types.fixture.ts';

const { db } = await useTestDatabase();
const deps = { ...testDeps(db), jobs: { enqueue: async () => ({ jobId: '1' }) } };

const group = (id: string, name: string): IdpObject => ({
  type: 'group',
  id,
  body: { id, type: 'OKTA_GROUP', profile: { name } },
});
const rule = (id: string, name: string): IdpObject => ({
  type: 'group_rule',
  id,
  body: { id, name, status: 'ACTIVE', actions: { assignUserToGroups: { groupIds: ['g1'] } } },
});

/** The org as the connector reports it when Okta answers 404 for group rules: none listed, the type skipped with the reason. */
function answering404(objects: IdpObject[]) {
  const base = fakeIdp(objects);
  return Object.assign(base, {
    objectTypes: () => [...TYPES.values()],
    async *listObjects(o: { types?: string[] } = {}) {
      for (const obj of base.objects)
        if (obj.type !== 'group_rule' && (!o.types || o.types.includes(obj.type))) yield structuredClone(obj);
    },
    stats: () => ({
      requests: 1,
      rateLimitWaits: 0,
      rateLimitWaitMs: 0,
      byType: { group_rule: { objects: 0, skipped: 'Okta answered 404 E0000007: Not found: Resource not found' } },
    }),
  });
}

describe('restore preview: types the org did not answer for', () => {
  it('says so once per type, with how many objects, why in words, and their names', async () => {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id);
    const org = [
      group('g1', 'Staff'),
      rule('r1', 'Staff rule'),
      rule('r2', 'Contractors rule'),
      rule('r3', 'Interns rule'),
    ];
    const snap = await runBackup(deps, {
      tenantId: t.id,
      connectionId,
      trigger: 'test',
      client: Object.assign(fakeIdp(org), { objectTypes: () => [...TYPES.values()] }),
    });
    const plan = await createRestorePlan(deps, t.id, { snapshotId: snap.snapshotId, scope: {} });
    await previewRestore(deps, { tenantId: t.id, planId: plan.id, client: answering404(org) });
    const p = await getRestorePlan(deps, t.id, { planId: plan.id });
    expect(p.status).toBe('ready');
    // Not re-created either: a type the org did not answer for is not compared, so nothing is planned for it.
    expect(p.steps).toEqual([]);
    const notCompared = p.caveats.filter((c) => c.kind === 'not_compared');
    expect(notCompared).toHaveLength(1);
    expect(notCompared[0]).toMatchObject({ type: 'group_rule', count: 3 });
    expect(notCompared[0]!.kind === 'not_compared' && [...notCompared[0]!.names].sort()).toEqual([
      'Contractors rule',
      'Interns rule',
      'Staff rule',
    ]);
    expect(notCompared[0]!.message).toMatch(
      /: 3 objects not compared — Okta answered 404 \(not found\) for them; they may have been deleted since the snapshot$/,
    );
  });
});
