import { describe, expect, it } from 'vitest';
import { refKey, type TypeIndex } from '../snapshots/objects.fns.ts';
import { orderSteps } from './order.fns.ts';
import { newIdMark, planSteps } from './plan.fns.ts';
import { t, writable } from './testing/types.fixture.ts';

/** Entra-like types as the connector describes them (catalog.ts): what decision 059 plans differently. */
const restore = writable;
const TYPES: TypeIndex = new Map(
  [
    t('conditionalAccessPolicy', {
      references: [
        { path: 'conditions.applications.includeApplications[]', type: ['application'], by: 'appId' },
        { path: 'conditions.users.excludeGroups[]', type: 'group' },
      ],
      restore: restore({
        naturalKey: 'displayName',
        reportOnly: { path: 'state', value: 'enabledForReportingButNotEnforced' },
      }),
    }),
    t('group', { restore: restore({ naturalKey: 'displayName', fromDeletedItems: true, recreateNote: 'new id' }) }),
    t('application', {
      secretFields: ['passwordCredentials[].secretText'],
      restore: restore({
        naturalKey: 'appId',
        fromDeletedItems: true,
        recreateNote: 'new id and appId',
        secretsNotSent: 'make a new client secret',
      }),
    }),
  ].map((x) => [x.type, x]),
);
const ca = (groups: string[], state = 'enabled') => ({
  id: 'ca1',
  displayName: 'Block legacy',
  state,
  conditions: { users: { excludeGroups: groups }, applications: { includeApplications: ['All'] } },
});
const plan = (cs: Parameters<typeof planSteps>[0], fromDeleted?: Map<string, string | undefined>) =>
  orderSteps(
    planSteps(cs, { types: TYPES, deletions: false, members: () => [], ...(fromDeleted ? { fromDeleted } : {}) }),
    TYPES,
  );

describe('Entra restore planning (decision 059)', () => {
  it('says a Conditional Access policy comes back in report-only, whatever the snapshot says', () => {
    const [step] = plan([{ type: 'conditionalAccessPolicy', id: 'ca1', desired: ca([]) }]);
    expect(step!.caveats.find((c) => c.kind === 'report_only')).toMatchObject({
      state: 'enabledForReportingButNotEnforced',
      message: expect.stringContaining('enable-policies'),
    });
    const [updated] = plan([{ type: 'conditionalAccessPolicy', id: 'ca1', desired: ca([]), live: ca([], 'disabled') }]);
    expect(updated!.caveats.map((c) => c.kind)).toContain('report_only');
  });

  it('restores a group kept in deleted items with its id: no new id, nothing rewritten', () => {
    const cs = [
      { type: 'group', id: 'g1', desired: { id: 'g1', displayName: 'Sales' } },
      { type: 'conditionalAccessPolicy', id: 'ca1', desired: ca(['g1']), live: ca(['g1']) },
    ];
    const kept = plan(cs, new Map([[refKey('group', 'g1'), '2026-12-01T00:00:00Z']]));
    const g = kept.find((s) => s.type === 'group')!;
    expect(g).toMatchObject({ action: 'create', how: 'restore from deleted items' });
    expect(g.caveats.map((c) => c.kind)).toEqual(['from_deleted']);
    expect(g.caveats[0]!.message).toContain('deleted 2026-12-01T00:00:00Z');
    // The policy names the group by its kept id: unchanged, so no step.
    expect(kept.map((s) => s.type)).toEqual(['group']);

    const gone = plan(cs);
    const g2 = gone.find((s) => s.type === 'group')!;
    expect(g2.how).toBe('create');
    expect(g2.caveats.map((c) => c.kind)).toEqual(['credentials', 'new_id']);
    const p = gone.find((s) => s.type === 'conditionalAccessPolicy')!;
    expect(p.changes).toContainEqual({
      path: '$.conditions.users.excludeGroups[0]',
      before: 'g1',
      after: newIdMark('group', 'g1'),
      kind: 'changed',
    });
  });

  it('says an app secret cannot be restored, unless the app comes back from deleted items with it', () => {
    const app = { id: 'a1', appId: 'x', passwordCredentials: [{ keyId: 'k', secretText: '[redacted]' }] };
    const [made] = plan([{ type: 'application', id: 'a1', desired: app }]);
    expect(made!.caveats.find((c) => c.kind === 'secret')).toMatchObject({
      path: 'passwordCredentials[0].secretText',
      message: expect.stringContaining('cannot be restored: make a new client secret'),
    });
    const [kept] = plan(
      [{ type: 'application', id: 'a1', desired: app }],
      new Map([[refKey('application', 'a1'), undefined]]),
    );
    expect(kept!.caveats.map((c) => c.kind)).toEqual(['from_deleted']);
  });
});
