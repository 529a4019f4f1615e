import {
  type CryptoKey,
  createLocalJWKSet,
  decodeJwt,
  exportSPKI,
  generateKeyPair,
  type JSONWebKeySet,
  jwtVerify,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_SCOPE, startSim, type TSimHarness } from '../test/harness.ts';

let h: TSimHarness;
beforeAll(async () => {
  h = await startSim();
});
afterAll(() => h.close());

async function assertion(key: CryptoKey, clientId: string, kid: string, audience: string) {
  return new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}

describe('client credentials', () => {
  it('a secret gets a Graph token with tid, appid and the granted roles, signed by a JWKS key', async () => {
    const token = await h.appToken();
    const jwks = (await (await fetch(`${h.url}/${h.tid}/discovery/v2.0/keys`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { audience: 'https://graph.microsoft.com' });
    expect(payload.tid).toBe(h.tid);
    expect(payload.appid).toBe(h.demo.backup.clientId);
    expect(payload.roles).toEqual(expect.arrayContaining(['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess']));
    expect(payload.idtyp).toBe('app');
    expect(payload.appidacr).toBe('1');
  });

  it("the simulator's own URL + /.default is Graph's scope too (it plays graph.microsoft.com); another host's is not", async () => {
    const form = {
      grant_type: 'client_credentials',
      client_id: h.demo.backup.clientId,
      client_secret: h.demo.backup.secret,
    };
    const res = await h.tokenResponse({ ...form, scope: `${h.url}/.default` });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    expect(decodeJwt(access_token)).toMatchObject({ aud: 'https://graph.microsoft.com', tid: h.tid });
    const graph = await fetch(`${h.url}/v1.0/organization`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(graph.status).toBe(200);
    const other = await h.tokenResponse({ ...form, scope: 'http://127.0.0.1:1/.default' });
    expect(other.status).toBe(400);
  });

  it('the tenant may be named by its domain, and the token is for the same tenant', async () => {
    const token = await h.appToken(undefined, undefined, h.demo.customDomain);
    expect(decodeJwt(token).tid).toBe(h.tid);
  });

  it('a wrong secret is AADSTS7000215 with the full error shape', async () => {
    const res = await h.tokenResponse({
      grant_type: 'client_credentials',
      client_id: h.demo.backup.clientId,
      client_secret: 'nope-nope',
      scope: GRAPH_SCOPE,
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.error).toBe('invalid_client');
    expect(body.error_description).toMatch(/^AADSTS7000215: /);
    expect(body.error_codes).toEqual([7000215]);
    for (const k of ['timestamp', 'trace_id', 'correlation_id']) expect(typeof body[k]).toBe('string');
  });

  it('refuses a scope without /.default, an unknown app and an unknown tenant with their AADSTS codes', async () => {
    const base = {
      grant_type: 'client_credentials',
      client_id: h.demo.backup.clientId,
      client_secret: h.demo.backup.secret,
    };
    const codes = async (res: Response) => [
      res.status,
      ((await res.json()) as { error_codes: number[] }).error_codes[0],
    ];
    expect(await codes(await h.tokenResponse({ ...base, scope: 'https://graph.microsoft.com/User.Read' }))).toEqual([
      400, 1002012,
    ]);
    expect(await codes(await h.tokenResponse({ ...base, client_id: 'no-such-app', scope: GRAPH_SCOPE }))).toEqual([
      400, 700016,
    ]);
    expect(
      await codes(await h.tokenResponse({ ...base, scope: GRAPH_SCOPE }, '00000000-1111-2222-3333-444444444444')),
    ).toEqual([400, 90002]);
  });

  it('a client assertion signed by a registered certificate key gets a token; another key is AADSTS700027', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const reg = await h.control('POST', `/tenants/${h.tid}/apps`, {
      displayName: 'Cert app',
      certificate: await exportSPKI(publicKey),
      roles: ['Policy.Read.All'],
    });
    expect(reg.status).toBe(201);
    const app = (await reg.json()) as { clientId: string; certificateThumbprint: string; secret?: string };
    expect(app.secret).toBeUndefined();
    const audience = `${h.url}/${h.tid}/oauth2/v2.0/token`;
    const form = (jwt: string) => ({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
      scope: GRAPH_SCOPE,
    });
    const ok = await h.tokenResponse(
      form(await assertion(privateKey, app.clientId, app.certificateThumbprint, audience)),
    );
    expect(ok.status).toBe(200);
    const claims = decodeJwt(((await ok.json()) as { access_token: string }).access_token);
    expect(claims).toMatchObject({ appid: app.clientId, appidacr: '2', roles: ['Policy.Read.All'], tid: h.tid });

    const other = await generateKeyPair('RS256');
    const bad = await h.tokenResponse(
      form(await assertion(other.privateKey, app.clientId, app.certificateThumbprint, audience)),
    );
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error_codes: number[] }).error_codes).toEqual([700027]);

    const wrongAud = await h.tokenResponse(
      form(await assertion(privateKey, app.clientId, app.certificateThumbprint, 'https://elsewhere/token')),
    );
    expect(((await wrongAud.json()) as { error_codes: number[] }).error_codes).toEqual([700021]);
  });
});
