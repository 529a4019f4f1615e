import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient } from '../client.ts';
import { OKTA_CATALOG } from '../catalog.ts';
import { typeInfo } from '../type-info.ts';
import { REDACTED } from '../json-path.fns.ts';
import { ORG } from '../test/okta-handlers.ts';

/**
 * Restore writes against msw handlers written from Okta's OpenAPI file (paths, verbs, bodies), not
 * from the connector's tables: each test states the requests Okta should see.
 */
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  createOktaClient(
    { provider: 'okta', orgUrl: ORG, credentials: { kind: 'ssws', token: 't' }, purpose: 'restore' },
    { allowPrivateNetwork: true, backoffBaseMs: 1, jitterMs: 0 },
  );

/** Records every request (method, path and query, JSON body) and answers with `reply`. */
function recorder(reply: (method: string, path: string, body: any) => HttpResponse<any> | undefined) {
  const seen: [string, string, unknown][] = [];
  server.use(
    http.all(`${ORG}/*`, async ({ request }) => {
      const u = new URL(request.url);
      const text = await request.text();
      const body = text ? JSON.parse(text) : undefined;
      seen.push([request.method, `${u.pathname}${u.search}`, body]);
      return reply(request.method, u.pathname, body) ?? new HttpResponse(null, { status: 204 });
    }),
  );
  return seen;
}

describe('restore writes', () => {
  it('creates a group with only its profile and returns it under its new id', async () => {
    const seen = recorder((m, p, b) =>
      m === 'POST' && p === '/api/v1/groups'
        ? HttpResponse.json({ id: '00gNEW', created: 'now', type: 'OKTA_GROUP', profile: b.profile })
        : undefined,
    );
    const made = await client().writeObject(
      { type: 'group', id: '00gOLD' },
      {
        kind: 'create',
        body: {
          id: '00gOLD',
          created: 'then',
          lastMembershipUpdated: 'then',
          type: 'OKTA_GROUP',
          profile: { name: 'Contractors' },
          _links: {},
        },
      },
    );
    expect(made).toMatchObject({ type: 'group', id: '00gNEW' });
    expect(seen).toEqual([['POST', '/api/v1/groups', { profile: { name: 'Contractors' } }]]);
  });

  it('changes an active group rule by deactivating it first (Okta refuses otherwise)', async () => {
    const rule = {
      id: '0pr1',
      name: 'R',
      status: 'ACTIVE',
      type: 'group_rule',
      actions: { assignUserToGroups: { groupIds: ['00g2'] } },
    };
    const seen = recorder((m) =>
      m === 'GET'
        ? HttpResponse.json(rule)
        : m === 'PUT'
          ? HttpResponse.json({ ...rule, status: 'INACTIVE' })
          : undefined,
    );
    const out = await client().writeObject({ type: 'group_rule', id: '0pr1' }, { kind: 'update', body: rule });
    expect(seen.map(([m, p]) => `${m} ${p}`)).toEqual([
      'GET /api/v1/groups/rules/0pr1',
      'POST /api/v1/groups/rules/0pr1/lifecycle/deactivate',
      'PUT /api/v1/groups/rules/0pr1',
    ]);
    expect(out?.body).toMatchObject({ status: 'INACTIVE' });
  });

  it('puts memberships and app group assignments on their item paths, keyed by what they name', async () => {
    const seen = recorder((m, p) =>
      m === 'PUT' && p.startsWith('/api/v1/apps/') ? HttpResponse.json({ id: '00g1', priority: 0 }) : undefined,
    );
    expect(
      await client().writeObject({ type: 'group.member', id: '00g1/00u1' }, { kind: 'create', body: { id: '00u1' } }),
    ).toMatchObject({ id: '00g1/00u1' });
    expect(
      await client().writeObject(
        { type: 'app.group', id: '0oa1/00g1' },
        { kind: 'create', body: { id: '00g1', priority: 0, lastUpdated: 'x', _links: {} } },
      ),
    ).toMatchObject({ id: '0oa1/00g1' });
    expect(seen).toEqual([
      ['PUT', '/api/v1/groups/00g1/users/00u1', undefined],
      ['PUT', '/api/v1/apps/0oa1/groups/00g1', { priority: 0 }],
    ]);
  });

  it('never sends a redaction marker; a supplied client secret goes through the secrets endpoint', async () => {
    const app = {
      id: '0oaOLD',
      label: 'CRM',
      status: 'ACTIVE',
      signOnMode: 'OPENID_CONNECT',
      credentials: { oauthClient: { client_id: 'crm', client_secret: REDACTED } },
    };
    const seen = recorder((m, p) =>
      m === 'POST' && p === '/api/v1/apps'
        ? HttpResponse.json({ ...app, id: '0oaNEW', credentials: { oauthClient: { client_id: 'crm' } } })
        : m === 'POST'
          ? HttpResponse.json({}, { status: 201 })
          : undefined,
    );
    await client().writeObject(
      { type: 'app', id: '0oaOLD' },
      { kind: 'create', body: app, secrets: { 'credentials.oauthClient.client_secret': 's3cr3t-from-vault' } },
    );
    expect(seen).toEqual([
      [
        'POST',
        '/api/v1/apps?activate=true',
        {
          label: 'CRM',
          status: 'ACTIVE',
          signOnMode: 'OPENID_CONNECT',
          credentials: { oauthClient: { client_id: 'crm' } },
        },
      ],
      ['POST', '/api/v1/apps/0oaNEW/credentials/secrets', { client_secret: 's3cr3t-from-vault' }],
    ]);
  });

  it('deletes a user in two calls and treats "already gone" as done', async () => {
    let calls = 0;
    const seen = recorder((m) =>
      m === 'DELETE' && ++calls > 1
        ? HttpResponse.json({ errorCode: 'E0000007', errorSummary: 'Not found' }, { status: 404 })
        : undefined,
    );
    await client().writeObject({ type: 'user', id: '00u1' }, { kind: 'delete' });
    expect(seen.map(([m, p]) => `${m} ${p}`)).toEqual(['DELETE /api/v1/users/00u1', 'DELETE /api/v1/users/00u1']);
  });

  it('does not retry a create Okta answered 500 (it may have happened): the restore looks for it instead', async () => {
    const seen = recorder(() =>
      HttpResponse.json({ errorCode: 'E0000009', errorSummary: 'Internal' }, { status: 500 }),
    );
    await expect(
      client().writeObject({ type: 'group', id: 'x' }, { kind: 'create', body: { profile: { name: 'G' } } }),
    ).rejects.toThrow('500');
    expect(seen).toHaveLength(1);
    server.resetHandlers();
    recorder((m, p) =>
      m === 'GET' && p === '/api/v1/groups' ? HttpResponse.json([{ id: '00gX', profile: { name: 'G' } }]) : undefined,
    );
    expect(await client().findObject!({ type: 'group', id: 'x' }, { profile: { name: 'G' } })).toMatchObject({
      id: '00gX',
    });
  });

  it('describes every catalog type for a restore, with a reason where it cannot be restored', () => {
    for (const d of OKTA_CATALOG) {
      const info = typeInfo(d);
      expect(info.restore, d.type).toBeDefined();
      const writable = info.restore!.create || info.restore!.update || info.restore!.delete;
      if (!writable) expect(info.restore!.reason, `${d.type} can do nothing and says not why`).toBeTruthy();
    }
    expect(typeInfo(OKTA_CATALOG.find((d) => d.type === 'group.member')!).restore).toMatchObject({
      create: true,
      update: false,
      assignsId: false,
      membershipOf: true,
    });
    expect(typeInfo(OKTA_CATALOG.find((d) => d.type === 'group')!).restore).toMatchObject({
      assignsId: true,
      naturalKey: 'profile.name',
    });
  });
});
