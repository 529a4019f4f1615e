import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../test/harness.ts';

/**
 * The Entra SCIM client against a recording receiver that plays a tiny SCIM server: what Entra's
 * provisioning service sends in each dialect, with which headers and bodies.
 */
interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  auth?: string;
  agent?: string;
  body?: any;
}
const received: Received[] = [];
const users = new Map<string, Record<string, unknown>>();
const receiver = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  const url = new URL(req.url!, 'http://x');
  received.push({
    method: req.method!,
    path: url.pathname,
    query: url.searchParams,
    auth: req.headers.authorization,
    agent: req.headers['user-agent'],
    body: text ? JSON.parse(text) : undefined,
  });
  const json = (status: number, body?: unknown) =>
    res.writeHead(status, { 'content-type': 'application/scim+json' }).end(body ? JSON.stringify(body) : undefined);
  if (req.headers.authorization !== 'Bearer scim-secret') return json(401, { status: '401' });
  if (req.method === 'GET' && url.pathname === '/scim/v2/Users') {
    const name = /userName eq "(.+)"/.exec(url.searchParams.get('filter') ?? '')?.[1];
    const hits = [...users.values()].filter((u) => u.userName === name);
    return json(200, { totalResults: hits.length, Resources: hits });
  }
  if (req.method === 'POST' && url.pathname === '/scim/v2/Users') {
    const user = { ...JSON.parse(text), id: `scim-${users.size + 1}` };
    users.set(user.id, user);
    return json(201, user);
  }
  const id = /^\/scim\/v2\/Users\/(.+)$/.exec(url.pathname)?.[1];
  if (id && !users.has(id)) return json(404, { status: '404' });
  if (req.method === 'PATCH' && id) return json(200, users.get(id));
  if (req.method === 'DELETE' && id) {
    users.delete(id);
    return json(204);
  }
  json(404, { status: '404' });
});

let h: TSimHarness;
let scimUrl = '';
const TID = () => h.demo.tenantId;
const ADMIN = 'admin@butterfly-demo.test';
const ops = (r: Received) => r.body?.Operations;

beforeAll(async () => {
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  scimUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/scim/v2`;
  h = await startSim({ demo: true });
});
afterAll(async () => {
  await h.close();
  receiver.close();
});

async function control(method: string, path: string, body?: unknown) {
  const res = await h.control(method, `/tenants/${TID()}/provisioning${path}`, body);
  return { status: res.status, body: (await res.json()) as any };
}

async function configure(tenantUrl: string, secretToken = 'scim-secret') {
  const { status, body } = await control('POST', '', { tenantUrl, secretToken });
  expect(status).toBe(201);
  return body.id as string;
}

describe('Entra provisioning (the SCIM client)', () => {
  it('Test Connection queries a userName that cannot exist, and fails on a wrong Secret Token', async () => {
    const app = await configure(scimUrl);
    received.length = 0;
    const ok = await control('POST', `/${app}/test`);
    expect(ok.body.ok).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'GET', path: '/scim/v2/Users', auth: 'Bearer scim-secret' });
    expect(received[0]!.agent).toBe('Microsoft.AAD.Provisioning/1.0');
    expect(received[0]!.query.get('filter')).toMatch(/^userName eq "[0-9a-f-]{36}"$/);
    const bad = await configure(scimUrl, 'wrong');
    expect((await control('POST', `/${bad}/test`)).body).toMatchObject({ ok: false, calls: [{ status: 401 }] });
  });

  it('default dialect: query then POST with complex roles; stringified roles, "False", then DELETE', async () => {
    const app = await configure(scimUrl);
    received.length = 0;
    const assigned = await control('POST', `/${app}/assign`, { userId: ADMIN, roles: ['Admin', 'Auditor'] });
    expect(assigned.body).toMatchObject({ ok: true, scimId: expect.stringMatching(/^scim-/) });
    expect(received.map((r) => r.method)).toEqual(['GET', 'POST']);
    const post = received[1]!.body;
    expect(post).toMatchObject({
      userName: ADMIN,
      active: true,
      roles: [
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Admin', value: 'Admin' },
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Auditor', value: 'Auditor' },
      ],
    });
    // A second assign of the same person matches instead of POSTing twice.
    received.length = 0;
    await control('POST', `/${app}/assign`, { userId: ADMIN, roles: ['Admin'] });
    expect(received.map((r) => r.method)).toEqual(['GET']);

    received.length = 0;
    await control('POST', `/${app}/roles`, { userId: ADMIN, add: ['backup_operator'], remove: ['Auditor'] });
    expect(received.map((r) => ops(r)[0].op)).toEqual(['Add', 'Remove']);
    const added = ops(received[0]!)[0];
    expect(added.path).toBe('roles');
    expect(JSON.parse(added.value[0].value)).toMatchObject({
      value: 'backup_operator',
      displayName: 'backup_operator',
    });
    expect(added.value[0].type).toBeUndefined();

    received.length = 0;
    await control('POST', `/${app}/update`, { userId: ADMIN, givenName: 'Adaline', department: 'Security' });
    expect(ops(received[0]!)).toEqual([
      { op: 'Replace', path: 'name.givenName', value: 'Adaline' },
      {
        op: 'Replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
        value: 'Security',
      },
    ]);

    // Entra deletes only after a soft delete.
    expect((await control('POST', `/${app}/delete`, { userId: ADMIN })).body.error).toBe('not_soft_deleted');
    received.length = 0;
    await control('POST', `/${app}/unassign`, { userId: ADMIN });
    expect(ops(received[0]!)).toEqual([{ op: 'Replace', path: 'active', value: 'False' }]);
    const deleted = await control('POST', `/${app}/delete`, { userId: ADMIN });
    expect(deleted.body).toMatchObject({ ok: true, calls: [{ method: 'DELETE', status: 204 }] });
    expect((await control('GET', `/${app}`)).body.linked).toEqual({});
  });

  it('aadOptscim062020: the flag on every request, lower-case ops, boolean active, one path-less replace', async () => {
    const app = await configure(`${scimUrl}?aadOptscim062020`);
    expect((await control('GET', `/${app}`)).body.dialect).toBe('aadOptscim062020');
    received.length = 0;
    const who = 'ben.adams@butterfly-demo.test';
    const assigned = await control('POST', `/${app}/assign`, { userId: who, roles: ['auditor'] });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    await control('POST', `/${app}/roles`, { userId: who, add: ['admin'] });
    await control('POST', `/${app}/update`, { userId: who, surname: 'Vance-Smith', department: 'IT' });
    await control('POST', `/${app}/unassign`, { userId: who });
    for (const r of received) expect(r.query.has('aadOptscim062020'), `${r.method} ${r.path}`).toBe(true);
    const patches = received.filter((r) => r.method === 'PATCH').map(ops);
    expect(patches).toEqual([
      [
        {
          op: 'add',
          path: 'roles',
          value: [{ primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'admin', value: 'admin' }],
        },
      ],
      [
        {
          op: 'replace',
          value: {
            'name.familyName': 'Vance-Smith',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'IT',
          },
        },
      ],
      [{ op: 'replace', path: 'active', value: false }],
    ]);
  });

  it('refuses bad input with a stable code and sends nothing', async () => {
    const app = await configure(scimUrl);
    received.length = 0;
    expect((await control('POST', '', { tenantUrl: 'not a url', secretToken: 'x' })).body.error).toBe('invalid_input');
    expect((await control('POST', `/${app}/assign`, { userId: 'nobody@butterfly-demo.test' })).body.error).toBe(
      'not_found',
    );
    expect((await control('POST', `/${app}/unassign`, { userId: ADMIN })).body.error).toBe('not_provisioned');
    expect((await control('POST', '/no-such-app/test')).status).toBe(404);
    expect(received).toEqual([]);
  });
});
