import { describe, expect, it } from 'vitest';
import { type Candidate, planSteps } from './plan.fns.ts';
import { TYPES } from './testing/types.fixture.ts';

const user = (status: string, city = 'Berlin') => ({
  id: 'u1',
  status,
  created: '2026-01-01',
  profile: { login: 'ada@acme.test', firstName: 'Ada', lastName: 'L', city },
});
const app = (status: string, label = 'CRM') => ({ id: 'a1', label, status, created: '2026-01-01' });
const plan = (cs: Candidate[]) => planSteps(cs, { types: TYPES, deletions: true, members: () => [] });

/** Issue 16, item 6: what Okta still holds deactivated is reactivated in place (its id kept), and the preview says which way each step takes. */
describe('restore keeps the id where the IdP keeps the object', () => {
  it('reactivates and updates a DEPROVISIONED user instead of creating one, and says so', () => {
    const [s] = plan([{ type: 'user', id: 'u1', desired: user('ACTIVE'), live: user('DEPROVISIONED', 'Paris') }]);
    expect(s).toMatchObject({ type: 'user', id: 'u1', action: 'reactivate', how: 'reactivate and update' });
    expect(s!.changes.map((c) => c.path).sort()).toEqual(['$.profile.city', '$.status']);
  });

  it('a status-only difference of an app is a plain reactivation', () => {
    const [s] = plan([{ type: 'app', id: 'a1', desired: app('ACTIVE'), live: app('INACTIVE') }]);
    expect(s).toMatchObject({ action: 'reactivate', how: 'reactivate' });
  });

  it('a user left PROVISIONED by its reactivation counts as the snapshot ACTIVE one: no step again', () => {
    expect(plan([{ type: 'user', id: 'u1', desired: user('ACTIVE'), live: user('PROVISIONED') }])).toEqual([]);
    // …and other differences are a plain update, not a reactivation Okta would refuse.
    const [s] = plan([{ type: 'user', id: 'u1', desired: user('ACTIVE'), live: user('PROVISIONED', 'Paris') }]);
    expect(s).toMatchObject({ action: 'update', how: 'update' });
    expect(s!.changes.map((c) => c.path)).toEqual(['$.profile.city']);
  });

  it('names the other paths: create, update, deactivate and delete', () => {
    const steps = plan([
      { type: 'group', id: 'g1', desired: { id: 'g1', type: 'OKTA_GROUP', profile: { name: 'Legal' } } },
      { type: 'app', id: 'a1', desired: app('ACTIVE', 'CRM'), live: app('ACTIVE', 'CRM 2') },
      { type: 'network_zone', id: 'z1', live: { id: 'z1', name: 'Office', status: 'ACTIVE' } },
      { type: 'group.member', id: 'g2/u9', live: { id: 'u9' } },
    ]);
    expect(steps.map((s) => [s.type, s.action, s.how])).toEqual([
      ['group', 'create', 'create'],
      ['app', 'update', 'update'],
      ['network_zone', 'delete', 'deactivate and delete'],
      ['group.member', 'delete', 'delete'],
    ]);
  });
});
