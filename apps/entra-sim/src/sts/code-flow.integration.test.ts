import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededGuid } from '../model/ids.ts';
import { signIn, startSim, type TSimHarness } from '../test/harness.ts';

let h: TSimHarness;
let receiver: Server;
const logouts: string[] = [];
let receiverUrl = '';
const REDIRECT = 'http://localhost:3999/sso/entra/callback';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    logouts.push(req.url ?? '');
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sso/entra/logout`;
  h = await startSim({ signIn: { redirectUris: [REDIRECT], logoutUrl: receiverUrl } });
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => receiver.close(r));
});

const admin = () => seededGuid(h.tid, 'user', 0);
const app = () => ({ clientId: h.demo.signIn.clientId, secret: h.demo.signIn.secret, redirectUri: REDIRECT });

describe('authorization code with PKCE and form_post', () => {
  it('yields a v2.0 ID token that verifies against the JWKS, with the identity claims', async () => {
    const flow = await signIn(h, { ...app(), userId: admin(), nonce: 'abc' });
    expect(flow.fields.state).toBe('st-1');
    const res = await flow.redeem();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id_token: string; access_token: string };
    const jwks = createRemoteJWKSet(new URL(`${h.url}/${h.tid}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(body.id_token, jwks, {
      issuer: `${h.url}/${h.tid}/v2.0`,
      audience: h.demo.signIn.clientId,
    });
    expect(payload).toMatchObject({
      tid: h.tid,
      oid: admin(),
      nonce: 'abc',
      preferred_username: `admin@${h.demo.customDomain}`,
      email: `admin@${h.demo.customDomain}`,
      xms_edov: true,
      ver: '2.0',
    });
    expect(payload.sid).toBe(flow.fields.session_state);
    expect(JSON.parse(Buffer.from(String(payload.login_hint), 'base64url').toString())).toMatchObject({
      oid: admin(),
      tid: h.tid,
    });
    expect(payload.sub).not.toBe(admin());
    // userinfo (Graph's /oidc/userinfo) with the delegated token: the same pairwise sub.
    const info = await fetch(`${h.url}/oidc/userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: payload.sub, name: 'Avery Admin', email: payload.email });
    const me = await h.graph('/v1.0/me?$select=id,userPrincipalName', body.access_token);
    expect(await me.json()).toMatchObject({ id: admin(), userPrincipalName: `admin@${h.demo.customDomain}` });
    expect((await h.graph('/v1.0/users?$top=1', body.access_token)).status).toBe(403);
    expect((await h.graph('/v1.0/me', await h.appToken())).status).toBe(400);
    const appOnly = await fetch(`${h.url}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${await h.appToken()}` },
    });
    expect(appOnly.status).toBe(401);
  });

  it('sub is pairwise per app, oid is not; an email on an unverified domain has xms_edov false', async () => {
    const other = (await (await h.control('POST', `/tenants/${h.tid}/apps`, { redirectUris: [REDIRECT] })).json()) as {
      clientId: string;
      secret: string;
    };
    const user = seededGuid(h.tid, 'user', 2);
    const idt = async (a: { clientId: string; secret: string }) => {
      const flow = await signIn(h, { ...a, redirectUri: REDIRECT, userId: user });
      return decodeJwt(((await (await flow.redeem()).json()) as { id_token: string }).id_token);
    };
    const [one, two] = [await idt(app()), await idt(other)];
    expect(one.oid).toBe(two.oid);
    expect(one.sub).not.toBe(two.sub);
    expect(one.email).toMatch(/@unverified-/);
    expect(one.xms_edov).toBe(false);
  });

  it('a wrong verifier is AADSTS501481 and a code works once (AADSTS70008)', async () => {
    const flow = await signIn(h, { ...app(), userId: admin() });
    const wrong = await flow.redeem('x'.repeat(43));
    expect(((await wrong.json()) as { error_codes: number[] }).error_codes).toEqual([501481]);
    const again = await flow.redeem();
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error_codes: number[] }).error_codes).toEqual([70008]);
  });

  it("a code redeemed at another directory's token endpoint is AADSTS700005, and the code is spent", async () => {
    const other = (await (await h.control('POST', '/tenants', { name: 'code-elsewhere', users: 1 })).json()) as {
      id: string;
    };
    const flow = await signIn(h, { ...app(), userId: admin() });
    const form = {
      grant_type: 'authorization_code',
      client_id: app().clientId,
      client_secret: app().secret,
      code: flow.fields.code!,
      redirect_uri: REDIRECT,
      code_verifier: flow.verifier,
    };
    const elsewhere = await h.tokenResponse(form, other.id);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({ error: 'invalid_grant', error_codes: [700005] });
    expect(((await (await flow.redeem()).json()) as { error_codes: number[] }).error_codes).toEqual([70008]);
  });

  it('an unregistered redirect URI or a missing S256 challenge is refused on the sign-in page', async () => {
    const q = (more: Record<string, string>) =>
      new URLSearchParams({
        client_id: h.demo.signIn.clientId,
        response_type: 'code',
        redirect_uri: REDIRECT,
        code_challenge: 'c'.repeat(43),
        code_challenge_method: 'S256',
        ...more,
      });
    const page = async (more: Record<string, string>) =>
      (await fetch(`${h.url}/${h.tid}/oauth2/v2.0/authorize?${q(more)}`)).text();
    expect(await page({ redirect_uri: 'https://evil.test/cb' })).toContain('AADSTS50011');
    expect(await page({ code_challenge_method: 'plain' })).toContain('AADSTS9002325');
    expect(await page({})).toContain('Pick an account');
  });
});

describe('logout', () => {
  it('end_session with logout_hint sends the front-channel GET with sid, then redirects back', async () => {
    const flow = await signIn(h, { ...app(), userId: admin() });
    const { id_token } = (await (await flow.redeem()).json()) as { id_token: string };
    const claims = decodeJwt(id_token);
    logouts.length = 0;
    const res = await fetch(
      `${h.url}/${h.tid}/oauth2/v2.0/logout?${new URLSearchParams({ logout_hint: String(claims.login_hint), post_logout_redirect_uri: REDIRECT, state: 's' })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${REDIRECT}?state=s`);
    // Every session of that account ends (earlier tests signed the admin in too), this one among them.
    const sent = logouts.map((u) => new URL(u, 'http://x'));
    expect(sent.map((u) => u.searchParams.get('sid'))).toContain(claims.sid);
    for (const u of sent) {
      expect(u.pathname).toBe('/sso/entra/logout');
      expect(u.searchParams.get('iss')).toBe(`${h.url}/${h.tid}/v2.0`);
    }
    const view = (await (await h.control('GET', `/tenants/${h.tid}`)).json()) as { sessions: { userId: string }[] };
    expect(view.sessions.filter((s) => s.userId === admin())).toEqual([]);
  });

  it('the control call sends the front-channel GET for a given sid', async () => {
    logouts.length = 0;
    const res = await h.control('POST', `/tenants/${h.tid}/front-channel-logout`, {
      clientId: h.demo.signIn.clientId,
      sid: 'sid-123',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: number }).status).toBe(200);
    expect(logouts.map((u) => new URL(u, 'http://x').searchParams.get('sid'))).toEqual(['sid-123']);
    const none = await h.control('POST', `/tenants/${h.tid}/front-channel-logout`, {
      clientId: h.demo.backup.clientId,
      sid: 'x',
    });
    expect(none.status).toBe(400);
  });
});
