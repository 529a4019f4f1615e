import { createHash, randomBytes } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { deactivateMember } from '@butterfly/domain/members';
import { createSession } from '@butterfly/domain/sessions';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { TEST_APP_URL, TEST_EXTENSION_ID, testContext, testServices } from '../../server/testing/web-context.ts';
import { bearerPrincipal } from '../auth/bearer.server.ts';
import { authCookies } from '../auth/cookies.server.ts';
import { authorize, decideAuthorization } from './authorize.server.ts';
import { revokeEndpoint } from './revoke.server.ts';
import { tokenEndpoint } from './token.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const services = testServices();
const context = () => testContext(db, deps.keyring, services);
const CLIENT = 'butterfly-extension';
const HANDOFF = `${TEST_APP_URL}/oauth/handoff`;
const CHROME = `https://${TEST_EXTENSION_ID}.chromiumapp.org/`;

async function signedIn(role: 'admin' | 'read_only' = 'admin') {
  const t = await seedTenant(deps);
  await seedMember(deps, t.id, 'super_admin');
  const m = await seedMember(deps, t.id, role);
  const s = await db
    .transaction()
    .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso' }));
  const cookie = (await authCookies(services).session.serialize(s.raw)).split(';')[0]!;
  return { t, m, cookie };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const authorizeUrl = (p: Record<string, string>) => `${TEST_APP_URL}/oauth/authorize?${new URLSearchParams(p)}`;
const params = (challenge: string, redirect = HANDOFF) => ({
  response_type: 'code',
  client_id: CLIENT,
  redirect_uri: redirect,
  code_challenge: challenge,
  code_challenge_method: 'S256',
  state: 'st-1',
});

/** The consent page's form, submitted from the page itself. */
const decide = async (cookie: string, p: Record<string, string>, decision: string) =>
  (await decideAuthorization(
    new Request(authorizeUrl(p), {
      method: 'POST',
      headers: { cookie, origin: TEST_APP_URL, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision }),
    }),
    context(),
  )) as Response;

/** Authorizes in the member's browser: straight through when they allowed the client before, else Allow on the consent page. */
async function getCode(cookie: string, challenge: string, redirect = HANDOFF) {
  let res = await authorize(new Request(authorizeUrl(params(challenge, redirect)), { headers: { cookie } }), context());
  if (!(res instanceof Response)) res = await decide(cookie, params(challenge, redirect), 'allow');
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location')!);
  expect(`${to.origin}${to.pathname}`).toBe(redirect);
  expect(to.searchParams.get('state')).toBe('st-1');
  expect(to.searchParams.get('iss')).toBe(TEST_APP_URL);
  return to.searchParams.get('code')!;
}

const post = (fn: typeof tokenEndpoint, form: Record<string, string>) =>
  fn(
    new Request(`${TEST_APP_URL}/oauth/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    }),
    context(),
  );
const exchange = (code: string, verifier: string, redirect = HANDOFF) =>
  post(tokenEndpoint, {
    grant_type: 'authorization_code',
    client_id: CLIENT,
    code,
    redirect_uri: redirect,
    code_verifier: verifier,
  });
const refresh = (token: string) =>
  post(tokenEndpoint, { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: token });
const principalOf = (accessToken: string) =>
  bearerPrincipal(`Bearer ${accessToken}`, { db, clock: () => new Date(), accessTokens: services.accessTokens });

describe('GET /oauth/authorize', () => {
  it('refuses unknown clients and unregistered redirect URIs on its own page, never redirecting', async () => {
    const { cookie } = await signedIn();
    const { challenge } = pkce();
    for (const p of [
      { ...params(challenge), client_id: 'evil' },
      { ...params(challenge), redirect_uri: 'https://evil.test/cb' },
      { ...params(challenge), redirect_uri: `https://${'b'.repeat(32)}.chromiumapp.org/` },
    ]) {
      const res = await authorize(new Request(authorizeUrl(p), { headers: { cookie } }), context());
      expect(res).not.toBeInstanceOf(Response);
      expect((res as { init: { status: number } }).init.status).toBe(400);
    }
  });

  it('sends PKCE-less and non-S256 requests back with invalid_request', async () => {
    const { cookie } = await signedIn();
    for (const p of [
      { ...params('x'.repeat(43)), code_challenge_method: 'plain' },
      { ...params(''), code_challenge: '' },
    ]) {
      const res = (await authorize(new Request(authorizeUrl(p), { headers: { cookie } }), context())) as Response;
      expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('sends a signed-out browser to sign in, remembering the request', async () => {
    const res = (await authorize(new Request(authorizeUrl(params(pkce().challenge))), context())) as Response;
    expect(res.headers.get('location')).toMatch(/^\/login\?returnTo=%2Foauth%2Fauthorize%3F/);
    const remembered = await authCookies(services).returnTo.parse(res.headers.getSetCookie()[0]!.split(';')[0]!);
    expect(remembered).toMatch(/^\/oauth\/authorize\?response_type=code/);
  });
});

describe('consent at /oauth/authorize', () => {
  const codesOf = async (memberId: string) =>
    (await db.selectFrom('oauth_codes').select('id').where('member_id', '=', memberId).execute()).length;

  it('asks a signed-in member first, naming the client, the tenant and what it may do, and issues no code', async () => {
    const { t, m, cookie } = await signedIn();
    const res = await authorize(
      new Request(authorizeUrl(params(pkce().challenge)), { headers: { cookie } }),
      context(),
    );
    expect(res).not.toBeInstanceOf(Response);
    const { data: page, init } = res as unknown as {
      data: { consent: Record<string, unknown> };
      init: { status?: number };
    };
    expect(init.status ?? 200).toBe(200);
    expect(page.consent).toMatchObject({
      clientName: 'Butterfly for Chrome',
      tenantName: t.name,
      email: m.email,
      role: 'admin',
    });
    expect((page.consent.abilities as string[]).length).toBeGreaterThan(0);
    expect(await codesOf(m.id)).toBe(0);
  });

  it('Deny sends access_denied back to the client and remembers nothing', async () => {
    const { m, cookie } = await signedIn();
    const p = params(pkce().challenge);
    const res = await decide(cookie, p, 'deny');
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(HANDOFF);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ error: 'access_denied', state: 'st-1' });
    expect(to.searchParams.has('code')).toBe(false);
    expect(await codesOf(m.id)).toBe(0);
    expect(await authorize(new Request(authorizeUrl(p), { headers: { cookie } }), context())).not.toBeInstanceOf(
      Response,
    );
  });

  it('Allow issues the code, and is remembered: the next request of that client goes straight through', async () => {
    const { m, cookie } = await signedIn();
    const first = await decide(cookie, params(pkce().challenge), 'allow');
    expect(new URL(first.headers.get('location')!).searchParams.get('code')).toMatch(/\S{20,}/);
    const again = (await authorize(
      new Request(authorizeUrl(params(pkce().challenge)), { headers: { cookie } }),
      context(),
    )) as Response;
    expect(again.status).toBe(302);
    expect(new URL(again.headers.get('location')!).searchParams.get('code')).toMatch(/\S{20,}/);
    expect(await codesOf(m.id)).toBe(2);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', m.id)
      .where('action', '=', 'oauth.consent_granted')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("does not count another member's consent, and a bad decision or request changes nothing", async () => {
    const a = await signedIn();
    const b = await signedIn();
    await decide(a.cookie, params(pkce().challenge), 'allow');
    expect(
      await authorize(
        new Request(authorizeUrl(params(pkce().challenge)), { headers: { cookie: b.cookie } }),
        context(),
      ),
    ).not.toBeInstanceOf(Response);
    const statusOf = (r: unknown) =>
      r instanceof Response ? r.status : (r as { init: { status: number } }).init.status;
    expect(statusOf(await decide(b.cookie, params(pkce().challenge), 'maybe'))).toBe(400);
    const wrongRedirect = await decideAuthorization(
      new Request(authorizeUrl({ ...params(pkce().challenge), redirect_uri: 'https://evil.test/cb' }), {
        method: 'POST',
        headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=allow',
      }),
      context(),
    );
    expect(statusOf(wrongRedirect)).toBe(400);
    expect(await codesOf(b.m.id)).toBe(0);
  });

  it('is withdrawn when the client is disconnected (its refresh token revoked): the next request asks again', async () => {
    const { cookie } = await signedIn();
    const p = pkce();
    const tokens = (await (await exchange(await getCode(cookie, p.challenge), p.verifier)).json()) as {
      refresh_token: string;
    };
    expect(
      await authorize(new Request(authorizeUrl(params(pkce().challenge)), { headers: { cookie } }), context()),
    ).toBeInstanceOf(Response);
    expect((await post(revokeEndpoint, { token: tokens.refresh_token, client_id: CLIENT })).status).toBe(200);
    expect(
      await authorize(new Request(authorizeUrl(params(pkce().challenge)), { headers: { cookie } }), context()),
    ).not.toBeInstanceOf(Response);
  });

  it('is forgotten with the member’s credentials (deactivation): the client must ask again', async () => {
    const { t, m, cookie } = await signedIn();
    await decide(cookie, params(pkce().challenge), 'allow');
    await deactivateMember(deps, t.id, { memberId: m.id });
    expect(await db.selectFrom('oauth_consents').select('id').where('member_id', '=', m.id).execute()).toEqual([]);
  });
});

describe('POST /oauth/token and /oauth/revoke', () => {
  it('authorize → token → API → refresh → revoke, for the handoff page and the chromiumapp.org URI', async () => {
    for (const redirect of [HANDOFF, CHROME]) {
      const { m, cookie } = await signedIn();
      const p = pkce();
      const res = await exchange(await getCode(cookie, p.challenge, redirect), p.verifier, redirect);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as {
        access_token: string;
        refresh_token: string;
        expires_in: number;
        token_type: string;
      };
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
      expect(await principalOf(body.access_token)).toMatchObject({
        memberId: m.id,
        role: 'admin',
        via: 'access_token',
      });

      const next = (await (await refresh(body.refresh_token)).json()) as typeof body;
      expect(next.refresh_token).not.toBe(body.refresh_token);
      expect(await principalOf(next.access_token)).not.toBeNull();

      const revoked = await post(revokeEndpoint, { token: next.refresh_token, client_id: CLIENT });
      expect(revoked.status).toBe(200);
      expect(await principalOf(next.access_token)).toBeNull();
      expect((await refresh(next.refresh_token)).status).toBe(400);
    }
  });

  it('refuses a missing or wrong PKCE verifier, and a code used twice', async () => {
    const { cookie } = await signedIn();
    const p = pkce();
    const missing = await post(tokenEndpoint, {
      grant_type: 'authorization_code',
      client_id: CLIENT,
      code: await getCode(cookie, p.challenge),
      redirect_uri: HANDOFF,
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
    const wrong = await exchange(await getCode(cookie, p.challenge), pkce().verifier);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const code = await getCode(cookie, p.challenge);
    expect((await exchange(code, p.verifier)).status).toBe(200);
    expect((await exchange(code, p.verifier)).status).toBe(400);
  });

  it('revokes the whole family when a rotated refresh token is reused', async () => {
    const { cookie } = await signedIn();
    const p = pkce();
    const first = (await (await exchange(await getCode(cookie, p.challenge), p.verifier)).json()) as {
      refresh_token: string;
      access_token: string;
    };
    const second = (await (await refresh(first.refresh_token)).json()) as typeof first;
    const reuse = await refresh(first.refresh_token);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
    expect(await principalOf(second.access_token)).toBeNull();
    expect((await refresh(second.refresh_token)).status).toBe(400);
  });

  it('revoking an access token ends its family; unknown tokens and clients are answered as RFC 7009 says', async () => {
    const { cookie } = await signedIn();
    const p = pkce();
    const t = (await (await exchange(await getCode(cookie, p.challenge), p.verifier)).json()) as {
      refresh_token: string;
      access_token: string;
    };
    expect((await post(revokeEndpoint, { token: 'bfyr_nothing', client_id: CLIENT })).status).toBe(200);
    expect((await post(revokeEndpoint, { token: t.access_token, client_id: 'evil' })).status).toBe(401);
    expect(await principalOf(t.access_token)).not.toBeNull();
    expect((await post(revokeEndpoint, { token: t.access_token, client_id: CLIENT })).status).toBe(200);
    expect(await principalOf(t.access_token)).toBeNull();
  });

  it('stops an access token on the next request after the member is deactivated', async () => {
    const { t, m, cookie } = await signedIn();
    const p = pkce();
    const tokens = (await (await exchange(await getCode(cookie, p.challenge), p.verifier)).json()) as {
      access_token: string;
    };
    await deactivateMember(deps, t.id, { memberId: m.id });
    expect(await principalOf(tokens.access_token)).toBeNull();
  });

  it('answers malformed requests with OAuth errors', async () => {
    expect((await post(tokenEndpoint, { grant_type: 'password', client_id: CLIENT })).status).toBe(400);
    expect(await (await post(tokenEndpoint, { grant_type: 'refresh_token', client_id: 'nope' })).json()).toMatchObject({
      error: 'invalid_client',
    });
    const json = await tokenEndpoint(
      new Request(`${TEST_APP_URL}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      context(),
    );
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });
});
