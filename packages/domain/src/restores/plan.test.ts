import { describe, expect, it } from 'vitest';
import { orderSteps } from './order.fns.ts';
import { type Candidate, newIdMark, planSteps } from './plan.fns.ts';
import { TYPES } from './testing/types.fixture.ts';

const group = (id: string, name: string, extra: object = {}) => ({
  id,
  created: '2026-01-01',
  lastUpdated: '2026-01-02',
  lastMembershipUpdated: '2026-01-03',
  type: 'OKTA_GROUP',
  profile: { name },
  ...extra,
});
const rule = (id: string, groupIds: string[], status = 'ACTIVE') => ({
  id,
  name: 'Contractors',
  status,
  actions: { assignUserToGroups: { groupIds } },
});
const policy = (id: string, groups: string[], maxAttempts = 3) => ({
  id,
  name: 'Contractor passwords',
  status: 'ACTIVE',
  system: false,
  conditions: { people: { groups: { include: groups } } },
  settings: { lockout: { maxAttempts } },
});
const users = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `u${from + i}`);
const ctx = (o: Partial<Parameters<typeof planSteps>[1]> = {}) => ({
  types: TYPES,
  deletions: false,
  members: (g: string) => (g === 'g1' ? users(1, 7) : []),
  ...o,
});
const plan = (cs: Candidate[], o = {}) => orderSteps(planSteps(cs, ctx(o)), TYPES);

describe('restore planning', () => {
  it('re-creates a deleted group before the rule and the policy that name it, and rewrites those references', () => {
    const steps = plan([
      { type: 'policy.PASSWORD', id: 'p1', desired: policy('p1', ['g1']), live: policy('p1', ['g1']) },
      { type: 'group_rule', id: 'r1', desired: rule('r1', ['g1']), live: rule('r1', ['g1']) },
      { type: 'group', id: 'g1', desired: group('g1', 'Contractors') },
      { type: 'group.member', id: 'g1/u1', desired: { id: 'u1' } },
    ]);
    expect(steps.map((s) => [s.seq, s.type, s.action])).toEqual([
      [1, 'group', 'create'],
      [2, 'group.member', 'create'],
      [3, 'group_rule', 'update'],
      [4, 'policy.PASSWORD', 'update'],
    ]);
    const [g, m, r, p] = steps;
    expect(r!.after).toEqual([1]);
    expect(p!.after).toEqual([1]);
    expect(m!.rewrites).toEqual([{ path: '(parent)', type: 'group', oldId: 'g1' }]);
    expect(r!.rewrites).toEqual([{ path: 'actions.assignUserToGroups.groupIds[0]', type: 'group', oldId: 'g1' }]);
    expect(p!.changes).toEqual([
      { path: '$.conditions.people.groups.include[0]', before: 'g1', after: newIdMark('group', 'g1'), kind: 'changed' },
    ]);
    const newId = g!.caveats.find((c) => c.kind === 'new_id');
    expect(newId).toMatchObject({
      referencedBy: expect.arrayContaining([
        { type: 'group_rule', id: 'r1', path: 'actions.assignUserToGroups.groupIds[0]', rewritten: true },
      ]),
    });
    expect(newId?.kind === 'new_id' && newId.referencedBy.map((x) => x.type).sort()).toEqual([
      'group.member',
      'group_rule',
      'policy.PASSWORD',
    ]);
    // Pointed at the re-created group, the rule provisions its members (estimated from the snapshot).
    expect(r!.blast).toEqual({ provision: 7, deprovision: 0 });
  });

  it('counts people once: a rule assigning two groups that share members', () => {
    const reached = new Set<string>();
    const members = (g: string) => (g === 'g1' ? users(1, 7) : g === 'g2' ? users(5, 10) : []);
    const steps = plan(
      [{ type: 'group_rule', id: 'r1', desired: rule('r1', ['g1', 'g2']), live: rule('r1', ['g1', 'g2'], 'INACTIVE') }],
      {
        members,
        reached: (u: readonly string[]) => {
          for (const x of u) reached.add(x);
        },
      },
    );
    expect(steps[0]!.blast).toEqual({ provision: 10, deprovision: 0 });
    expect(steps[0]!.caveats.find((c) => c.kind === 'blast_radius')?.message).toBe(
      "Would provision about 10 user(s) (estimated from the snapshot's memberships)",
    );
    expect(reached.size).toBe(10);
  });

  it('shows a changed setting as an update, before → after, and ignores volatile fields', () => {
    const steps = plan([
      {
        type: 'policy.PASSWORD',
        id: 'p1',
        desired: policy('p1', [], 3),
        live: { ...policy('p1', [], 10), lastUpdated: 'later' },
      },
      {
        type: 'group',
        id: 'g2',
        desired: group('g2', 'Same'),
        live: { ...group('g2', 'Same'), lastUpdated: 'now', lastMembershipUpdated: 'now' },
      },
    ]);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      action: 'update',
      changes: [{ path: '$.settings.lockout.maxAttempts', before: 10, after: 3, kind: 'changed' }],
    });
  });

  it('reactivates, estimates blast radius, and asks for secrets, hook verification and credentials', () => {
    const steps = plan([
      { type: 'group_rule', id: 'r1', desired: rule('r1', ['g1']), live: rule('r1', ['g1'], 'INACTIVE') },
      {
        type: 'app',
        id: 'a1',
        desired: { id: 'a1', label: 'CRM', credentials: { oauthClient: { client_secret: '[redacted]' } } },
      },
      { type: 'event_hook', id: 'h1', desired: { id: 'h1', name: 'SIEM', status: 'ACTIVE' } },
      { type: 'user', id: 'u1', desired: { id: 'u1', status: 'ACTIVE', profile: { login: 'a@x' } } },
      { type: 'app.user', id: 'a1/u2', desired: { id: 'u2', scope: 'GROUP' } },
    ]);
    const by = Object.fromEntries(steps.map((s) => [s.type, s]));
    expect(by.group_rule).toMatchObject({ action: 'reactivate', blast: { provision: 7, deprovision: 0 } });
    expect(by.app!.caveats.map((c) => c.kind)).toEqual(['secret', 'new_id']);
    expect(by.event_hook!.caveats.map((c) => c.kind)).toContain('verify');
    expect(by.user!.caveats.map((c) => c.kind)).toContain('credentials');
    expect(by['app.user']).toMatchObject({ action: 'skip', caveats: [{ kind: 'derived' }] });
  });

  it('deletes only when asked, never system objects, and orders deletions after what stops pointing at them', () => {
    const live = [
      { type: 'group', id: 'g9', live: group('g9', 'New since') },
      { type: 'group_rule', id: 'r9', live: rule('r9', ['g9']) },
      { type: 'network_zone', id: 'z0', live: { id: 'z0', name: 'LegacyIpZone', system: true } },
    ];
    expect(plan(live).map((s) => s.action)).toEqual(['skip', 'skip', 'skip']);
    const steps = plan(live, { deletions: true, members: (g: string) => (g === 'g9' ? users(1, 4) : []) });
    expect(steps.map((s) => [s.type, s.action])).toEqual([
      ['group_rule', 'delete'],
      ['group', 'delete'],
      ['network_zone', 'skip'],
    ]);
    expect(steps[0]).toMatchObject({ blast: { provision: 0, deprovision: 4 } });
  });

  it('gives untouched objects no step and skips what cannot be restored', () => {
    const same = group('g2', 'Same');
    expect(plan([{ type: 'group', id: 'g2', desired: same, live: structuredClone(same) }])).toEqual([]);
    expect(plan([{ type: 'api_token', id: 't1', desired: { id: 't1', name: 'ci' } }])).toMatchObject([
      { action: 'skip', caveats: [{ kind: 'not_restorable', message: 'A token value cannot be restored' }] },
    ]);
  });

  it('names references from outside the scope that keep the old id', () => {
    const steps = plan([{ type: 'group', id: 'g1', desired: group('g1', 'Contractors') }], {
      outsideReferrers: new Map([
        ['group\u0000g1', [{ type: 'group_rule', id: 'r1', path: 'actions.assignUserToGroups.groupIds[0]' }]],
      ]),
    });
    expect(steps[0]!.caveats).toEqual([
      expect.objectContaining({
        kind: 'new_id',
        message: expect.stringContaining('1 of them outside the scope keep the old id'),
      }),
    ]);
  });

  it('orders sibling rules by priority and reports a reference cycle as a caveat', () => {
    const r = (id: string, priority: number) => ({
      type: 'policy.PASSWORD.rule',
      id: `p1/${id}`,
      desired: { id, name: id, priority },
    });
    expect(plan([r('b', 2), r('a', 3), r('c', 1)]).map((s) => s.id)).toEqual(['p1/c', 'p1/b', 'p1/a']);
    // Two groups whose rules... a policy and a zone naming each other through a custom reference.
    const types = new Map(TYPES);
    types.set('network_zone', {
      ...TYPES.get('network_zone')!,
      references: [{ path: 'policy', type: 'policy.PASSWORD' }],
    });
    const steps = orderSteps(
      planSteps(
        [
          {
            type: 'policy.PASSWORD',
            id: 'p1',
            desired: { id: 'p1', name: 'P', conditions: { network: { include: ['z1'] } } },
          },
          { type: 'network_zone', id: 'z1', desired: { id: 'z1', name: 'Z', policy: 'p1' } },
        ],
        ctx({ types }),
      ),
      types,
    );
    expect(steps).toHaveLength(2);
    for (const s of steps) expect(s.caveats.map((c) => c.kind)).toContain('cycle');
  });

  it('never makes a step of an inventory type (app signing keys): a re-created app gets new ones from the IdP', () => {
    const key = (kid: string, expiresAt: string) => ({ kid, kty: 'RSA', use: 'sig', created: '2026-01-01', expiresAt });
    const steps = plan(
      [
        { type: 'app', id: 'a1', desired: { id: 'a1', label: 'Portal', status: 'ACTIVE' } },
        { type: 'app.key', id: 'a1/k1', desired: key('k1', '2036-01-01') },
        { type: 'app.key', id: 'a2/k2', live: key('k2', '2036-06-01') },
        { type: 'app.key', id: 'a3/k3', desired: key('k3', '2036-01-01'), live: key('k3', '2027-01-01') },
      ],
      { deletions: true },
    );
    expect(steps.map((s) => [s.type, s.action])).toEqual([['app', 'create']]);
  });
});
