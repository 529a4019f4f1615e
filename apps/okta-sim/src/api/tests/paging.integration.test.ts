import { afterAll, beforeAll, expect, test } from 'vitest';
import { allPages, call, nextLink, ssws, startSeeded } from '../../test/api.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  ctx = await startSeeded({ users: 1234, rateScale: 100 });
});
afterAll(() => ctx.sim.close());

test('users page by 200 at most, with opaque cursors, and the pages add up to every listed user', async () => {
  const auth = ssws(ctx.token);
  const first = await call(`${ctx.org}/api/v1/users?limit=500`, { auth });
  expect(first.status).toBe(200);
  expect(first.body).toHaveLength(200);
  const next = nextLink(first.headers)!;
  const cursor = new URL(next).searchParams.get('after')!;
  // Opaque: not an id, nor something a client could compute from the last row.
  expect(cursor).not.toMatch(/^00u/);
  expect(first.body.map((u: { id: string }) => u.id)).not.toContain(cursor);
  expect(first.headers.get('link')).toContain(`<${ctx.org}/api/v1/users?limit=500>; rel="self"`);

  const pages = await allPages(`${ctx.org}/api/v1/users`, auth);
  const ids = pages.flat().map((u) => u.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(pages.length).toBeGreaterThanOrEqual(6);
  // The default list leaves out DEPROVISIONED users; a search includes them.
  const everyone = ctx.sim.orgs.listUsers('acme');
  expect(ids.length).toBe(everyone.filter((u) => u.oktaStatus !== 'DEPROVISIONED').length);
  const gone = await allPages(
    `${ctx.org}/api/v1/users?search=${encodeURIComponent('status eq "DEPROVISIONED"')}`,
    auth,
  );
  expect(ids.length + gone.flat().length).toBe(everyone.length);
});

test('group members page by at most 1000; groups, apps and app users honour their caps', async () => {
  const auth = ssws(ctx.token);
  const groups = (await call(`${ctx.org}/api/v1/groups?limit=20000`, { auth })).body as {
    id: string;
    type: string;
    profile: { name: string };
  }[];
  const everyone = groups.find((g) => g.type === 'BUILT_IN')!;
  const members = await call(`${ctx.org}/api/v1/groups/${everyone.id}/users?limit=5000`, { auth });
  expect(members.body).toHaveLength(1000);
  const all = await allPages(`${ctx.org}/api/v1/groups/${everyone.id}/users?limit=300`, auth);
  expect(all.flat()).toHaveLength(ctx.sim.orgs.listUsers('acme').length);

  const apps = await call(`${ctx.org}/api/v1/apps?limit=5`, { auth });
  expect(apps.body).toHaveLength(5);
  expect((await allPages(nextLink(apps.headers)!, auth)).flat().length + 5).toBe(
    (await call(`${ctx.org}/api/v1/apps?limit=300`, { auth })).body.length,
  );
  const slack = (await call(`${ctx.org}/api/v1/apps?q=Slack`, { auth })).body[0];
  const appUsers = await call(`${ctx.org}/api/v1/apps/${slack.id}/users?limit=900`, { auth });
  expect(appUsers.body).toHaveLength(500);
  expect(appUsers.body[0]).toMatchObject({
    scope: 'GROUP',
    _links: { app: { href: `${ctx.org}/api/v1/apps/${slack.id}` } },
  });
  const rules = await call(`${ctx.org}/api/v1/groups/rules?limit=5`, { auth });
  expect(rules.body).toHaveLength(5);
  expect(nextLink(rules.headers)).toBeTruthy();
});

test('a bad limit or cursor is a validation error', async () => {
  const auth = ssws(ctx.token);
  expect((await call(`${ctx.org}/api/v1/users?limit=0`, { auth })).body.errorCode).toBe('E0000001');
  expect((await call(`${ctx.org}/api/v1/users?after=not-a-cursor`, { auth })).body.errorCode).toBe('E0000001');
});

test('a row deleted between two pages does not shift the next page', async () => {
  const auth = ssws(ctx.token);
  const first = await call(`${ctx.org}/api/v1/groups?limit=3`, { auth });
  const last = first.body[2];
  // Deleting a row already returned must not make the next page skip or repeat one.
  const before = await call(nextLink(first.headers)!, { auth });
  await call(`${ctx.org}/api/v1/groups/${last.id}`, { auth, method: 'DELETE' });
  const after = await call(nextLink(first.headers)!, { auth });
  expect(after.body.map((g: { id: string }) => g.id)).toEqual(before.body.map((g: { id: string }) => g.id));
});
