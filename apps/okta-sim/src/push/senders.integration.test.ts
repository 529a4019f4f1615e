import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OktaSim, createOktaSim } from '../sim.ts';

/**
 * The senders against a recording receiver that plays a tiny SCIM server and the two logout
 * endpoints: what Okta sends, with which headers and bodies, verified with the org's published keys.
 */
interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}
const received: Received[] = [];
const scimUsers = new Map<string, Record<string, unknown>>();
const receiver = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const r = { method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
  received.push(r);
  const json = (status: number, body?: unknown) =>
    res
      .writeHead(status, { 'content-type': 'application/scim+json' })
      .end(body === undefined ? undefined : JSON.stringify(body));
  if (req.headers.authorization !== 'Bearer scim-secret' && r.path.startsWith('/scim'))
    return json(401, { status: '401' });
  const url = new URL(r.path, 'http://x');
  if (r.method === 'GET' && url.pathname === '/scim/v2/Users') {
    const name = /userName eq "(.+)"/.exec(url.searchParams.get('filter') ?? '')?.[1];
    const hits = [...scimUsers.values()].filter((u) => u.userName === name);
    return json(200, { totalResults: hits.length, Resources: hits });
  }
  if (r.method === 'POST' && url.pathname === '/scim/v2/Users') {
    const user = { ...JSON.parse(r.body), id: `scim-${scimUsers.size + 1}` };
    scimUsers.set(user.id, user);
    return json(201, user);
  }
  const id = /^\/scim\/v2\/Users\/(.+)$/.exec(url.pathname)?.[1];
  if (id && scimUsers.has(id)) {
    const body = JSON.parse(r.body);
    const next =
      r.method === 'PUT' ? { ...body, id } : { ...scimUsers.get(id), active: body.Operations[0].value.active };
    scimUsers.set(id, next);
    return json(200, next);
  }
  if (url.pathname === '/bcl' || url.pathname === '/ul')
    return res.writeHead(url.pathname === '/bcl' ? 200 : 204).end();
  json(404);
});

let sim: OktaSim;
let base: string;
let userId: string;
let clientId: string;
beforeAll(async () => {
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sim = await createOktaSim();
  await sim.orgs.createOrg({ name: 'push' });
  userId = (
    await sim.orgs.addUser('push', { email: 'pat@push.test', password: 'pw-1', givenName: 'Pat', familyName: 'Poe' })
  ).id;
  clientId = sim.orgs.addClient('push', {
    redirect_uris: [`${base}/cb`],
    backchannel_logout_uri: `${base}/bcl`,
  }).client_id;
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((done) => receiver.close(() => done()));
});

async function control(path: string, body: unknown) {
  const res = await fetch(`${sim.url}/_sim/orgs/push${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const keys = () => createRemoteJWKSet(new URL(`${sim.url}/push/oauth2/v1/keys`));

describe('SCIM push', () => {
  test('assign checks existence then POSTs; update PUTs the profile and role; deactivate PATCHes active=false', async () => {
    const app = await control('/scim-apps', { baseUrl: `${base}/scim/v2/`, authorization: 'Bearer scim-secret' });
    expect(app.status).toBe(201);
    received.length = 0;
    const assigned = await control(`/scim-apps/${app.body.id}/assign`, { userId, role: 'auditor' });
    expect(assigned.body).toMatchObject({ ok: true, scimId: 'scim-1' });
    expect(received.map((r) => `${r.method} ${decodeURIComponent(r.path)}`)).toEqual([
      'GET /scim/v2/Users?filter=userName eq "pat@push.test"&startIndex=1&count=100',
      'POST /scim/v2/Users',
    ]);
    expect(received[1]!.headers).toMatchObject({
      authorization: 'Bearer scim-secret',
      'content-type': 'application/json',
    });
    expect(JSON.parse(received[1]!.body)).toMatchObject({
      userName: 'pat@push.test',
      externalId: userId,
      active: true,
      emails: [{ type: 'work', primary: true }],
      roles: [{ value: 'auditor' }],
    });

    const updated = await control(`/scim-apps/${app.body.id}/update`, { userId, role: 'admin' });
    expect(updated.body.calls.map((c: { method: string; url: string }) => `${c.method} ${c.url}`)).toEqual([
      `PUT ${base}/scim/v2/Users/scim-1`,
    ]);
    expect(scimUsers.get('scim-1')).toMatchObject({ roles: [{ value: 'admin' }], active: true });

    const gone = await control(`/scim-apps/${app.body.id}/deactivate`, { userId });
    expect(gone.body.ok).toBe(true);
    expect(JSON.parse(received.at(-1)!.body)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(scimUsers.get('scim-1')?.active).toBe(false);
    expect(sim.orgs.listUsers('push').find((u) => u.id === userId)?.status).toBe('deactivated');
    await sim.orgs.updateUser('push', userId, { status: 'active' });

    // Assigning someone the server already has links and updates them (PUT), not a second POST.
    const again = await control(`/scim-apps/${app.body.id}/assign`, { userId });
    expect(again.body.calls.map((c: { method: string }) => c.method)).toEqual(['GET', 'PUT']);
    expect(scimUsers.get('scim-1')?.active).toBe(true);
  });

  test('reports the server’s refusal, and refuses unknown apps, actions and unassigned users', async () => {
    const bad = await control('/scim-apps', { baseUrl: `${base}/scim/v2`, authorization: 'Bearer wrong' });
    const refused = await control(`/scim-apps/${bad.body.id}/assign`, { userId });
    expect(refused.body).toMatchObject({ ok: false, scimId: null, calls: [{ method: 'GET', status: 401 }] });
    expect((await control(`/scim-apps/${bad.body.id}/update`, { userId })).status).toBe(400);
    expect((await control(`/scim-apps/${bad.body.id}/explode`, { userId })).status).toBe(400);
    expect((await control('/scim-apps/0oaNOPE/assign', { userId })).status).toBe(404);
  });
});

describe('logout senders', () => {
  test('back-channel logout: a logout token signed by the org, POSTed as a form to the client', async () => {
    received.length = 0;
    const sent = await control('/backchannel-logout', { clientId, userId, sid: 'okta-sid-1' });
    expect(sent.body).toMatchObject({ status: 200, url: `${base}/bcl` });
    expect(received[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const token = new URLSearchParams(received[0]!.body).get('logout_token')!;
    expect(token).toBe(sent.body.logoutToken);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'logout+jwt' });
    const { payload } = await jwtVerify(token, keys(), { issuer: `${sim.url}/push`, audience: clientId });
    expect(payload).toMatchObject({
      sub: userId,
      sid: 'okta-sid-1',
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    });
    expect(payload.nonce).toBeUndefined();
    expect(payload.jti).toEqual(expect.any(String));

    const sidOnly = await control('/backchannel-logout', { clientId, sid: 'okta-sid-2' });
    const { payload: p2 } = await jwtVerify(sidOnly.body.logoutToken, keys(), {
      issuer: `${sim.url}/push`,
      audience: clientId,
    });
    expect(p2.sub).toBeUndefined();
    expect(p2.jti).not.toBe(payload.jti);
    expect((await control('/backchannel-logout', { clientId })).status).toBe(400);
    const noUri = sim.orgs.addClient('push', { redirect_uris: [`${base}/cb`] }).client_id;
    expect((await control('/backchannel-logout', { clientId: noUri, userId })).status).toBe(400);
  });

  test.each([
    ['sub_id', 'email'],
    ['subject', 'iss_sub'],
  ] as const)('Universal Logout: {"%s": %s} with a global-token-revocation+jwt for the URL', async (shape, format) => {
    received.length = 0;
    const url = `${base}/ul`;
    const sent = await control('/universal-logout', { url, userId, format, shape });
    expect(sent.body).toMatchObject({ status: 204 });
    const r = received[0]!;
    const jwt = r.headers.authorization!.replace(/^Bearer /, '');
    expect(decodeProtectedHeader(jwt)).toMatchObject({ typ: 'global-token-revocation+jwt', alg: 'RS256' });
    const { payload } = await jwtVerify(jwt, keys(), {
      issuer: `${sim.url}/push`,
      audience: url,
      typ: 'global-token-revocation+jwt',
    });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
    const expected =
      format === 'email' ? { format, email: 'pat@push.test' } : { format, iss: `${sim.url}/push`, sub: userId };
    expect(JSON.parse(r.body)).toEqual({ [shape]: expected });
  });
});
