import { afterAll, beforeAll, expect, test } from 'vitest';
import { bearer, call, nextLink, ssws, startSeeded, testClock } from '../../test/api.ts';

const clock = testClock(Date.now());
let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  ctx = await startSeeded({ users: 20, clock: clock.now });
});
afterAll(() => ctx.sim.close());

const logs = (query: string) => call(`${ctx.org}/api/v1/logs?${query}`, { auth: ssws(ctx.token) });
const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

test('a write through the API is a System Log event with the caller as actor and the object as target', async () => {
  const auth = ssws(ctx.token);
  const group = (
    await call(`${ctx.org}/api/v1/groups`, {
      auth,
      method: 'POST',
      body: JSON.stringify({ profile: { name: 'Auditors', description: 'Audit team' } }),
    })
  ).body;
  const user = (
    await call(`${ctx.org}/api/v1/users?limit=1&search=${encodeURIComponent('profile.login eq "user3@acme.test"')}`, {
      auth,
    })
  ).body[0];
  expect((await call(`${ctx.org}/api/v1/groups/${group.id}/users/${user.id}`, { auth, method: 'PUT' })).status).toBe(
    204,
  );

  const events = (await logs(q(`eventType eq "group.user_membership.add" and target.id eq "${group.id}"`))).body;
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    eventType: 'group.user_membership.add',
    actor: { id: expect.stringMatching(/^00u/), type: 'User', alternateId: 'svc-okta-api@acme.test' },
    outcome: { result: 'SUCCESS' },
    target: [
      { id: user.id, type: 'User', alternateId: 'user3@acme.test' },
      { id: group.id, type: 'UserGroup', displayName: 'Auditors' },
    ],
  });
  expect(events[0].published).toBe(new Date(clock.now()).toISOString());
  const owner = ctx.sim.orgs.listUsers('acme').find((u) => u.profile.login === 'svc-okta-api@acme.test')!;
  expect(events[0].actor.id).toBe(owner.id);
});

test('policy rule and user lifecycle changes are logged with their Okta event types; OAuth callers appear as the app', async () => {
  const auth = await bearer(ctx.sim, 'acme', 'okta.policies.manage okta.users.manage', clock.now());
  const [policy] = (await call(`${ctx.org}/api/v1/policies?type=OKTA_SIGN_ON`, { auth })).body;
  const rules = (await call(`${ctx.org}/api/v1/policies/${policy.id}/rules`, { auth })).body;
  const rule = rules[0];
  rule.actions.signon.session.maxSessionIdleMinutes = 15;
  const put = await call(`${ctx.org}/api/v1/policies/${policy.id}/rules/${rule.id}`, {
    auth,
    method: 'PUT',
    body: JSON.stringify(rule),
  });
  expect(put.status).toBe(200);
  expect(put.body.actions.signon.session.maxSessionIdleMinutes).toBe(15);

  const user = (await call(`${ctx.org}/api/v1/users/user4@acme.test`, { auth })).body;
  expect((await call(`${ctx.org}/api/v1/users/${user.id}/lifecycle/deactivate`, { auth, method: 'POST' })).status).toBe(
    200,
  );
  expect((await call(`${ctx.org}/api/v1/users/${user.id}`, { auth })).body.status).toBe('DEPROVISIONED');

  const [ruleEvent] = (await logs(q(`eventType eq "policy.rule.update"`))).body;
  expect(ruleEvent.actor).toMatchObject({ id: ctx.acme.serviceApp.clientId, type: 'PublicClientApp' });
  expect(ruleEvent.target.map((t: { id: string }) => t.id)).toEqual([rule.id, policy.id]);
  expect(ruleEvent.client.id).toBe(ctx.acme.serviceApp.clientId);
  const [deactivation] = (await logs(q(`target.id eq "${user.id}"`))).body;
  expect(deactivation.eventType).toBe('user.lifecycle.deactivate');
});

test('since/until bound the window; a polling query always offers a next link that picks up new events', async () => {
  const auth = ssws(ctx.token);
  const before = new Date(clock.now() - 1).toISOString();
  clock.advance(60_000);
  const start = new Date(clock.now()).toISOString();
  const bounded = await logs(
    `since=${encodeURIComponent(start)}&until=${encodeURIComponent(new Date(clock.now() + 1000).toISOString())}`,
  );
  expect(bounded.body).toEqual([]);
  expect(nextLink(bounded.headers)).toBeUndefined();
  expect((await logs(`since=${encodeURIComponent(before)}&limit=1`)).body).toHaveLength(1);

  const poll = await logs(`since=${encodeURIComponent(start)}`);
  expect(poll.body).toEqual([]);
  const next = nextLink(poll.headers)!;
  await call(`${ctx.org}/api/v1/groups`, {
    auth,
    method: 'POST',
    body: JSON.stringify({ profile: { name: 'Pollers' } }),
  });
  const later = await call(next, { auth });
  expect(later.body.map((e: { eventType: string }) => e.eventType)).toEqual(['group.lifecycle.create']);
});
