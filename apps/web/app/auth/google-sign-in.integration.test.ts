import { useTestDatabase } from '@butterfly/db/testing';
import { seedMember, seedSsoTenant, testDeps } from '@butterfly/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeySets } from '../../server/oidc/key-sets.ts';
import { createWebServices } from '../../server/services.ts';
import { startFakeGoogle } from '../../server/testing/fake-google.ts';
import { cookiePair, outcome, signInFlow } from '../../server/testing/sign-in-flow.ts';
import { action as loginAction } from '../routes/login.tsx';
import { signOut } from './sign-out.server.ts';

/**
 * Sign-in with Google Workspace against a local OpenID provider shaped like Google's, over real HTTP
 * with jose-signed tokens (decision 063; the e2e against google-sim comes with it).
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const MAX_AGE_S = 3600;
const google = await startFakeGoogle({ keysMaxAgeSeconds: MAX_AGE_S });
afterAll(() => google.close());
const APP = 'http://localhost:3000';
const base = createWebServices({
  appUrl: APP,
  secureCookies: false,
  cookieSecret: 'test-secret',
  allowPrivateUrls: true,
});
/** The key sets' clock, moved by the test to show the JWKS is kept for its max-age and no longer. */
let clock = 0;
const services = {
  ...base,
  keySets: createKeySets({ outbound: base.outbound, cooldownMs: 0, now: () => Date.now() + clock }),
};
const { context, start, callback, sessionOf, refusals } = signInFlow({
  db,
  deps,
  services,
  appUrl: APP,
  requestId: 'google-test',
});

let n = 0;
const googleTenant = () =>
  seedSsoTenant(
    deps,
    { provider: 'google', issuer: google.issuer, clientId: google.clientId, clientSecret: google.clientSecret },
    [`gws-web${n++}.test`],
  );

/** The whole round trip with the Google ID token the test arranges; `issParam`: RFC 9207's `iss`. */
async function signIn(
  t: { slug: string },
  claims: Parameters<typeof google.googleToken>[0],
  o: { iss?: 'url' | 'host'; issParam?: string } = {},
) {
  const flow = await start(t.slug, claims.email);
  const token = await google.googleToken({ nonce: flow.p.nonce, ...claims }, { iss: o.iss });
  const code = google.issueCode(flow.p.code_challenge!, token);
  const query = { code, state: flow.p.state!, ...(o.issParam ? { iss: o.issParam } : {}) };
  return callback(t.slug, query, flow.cookie);
}

const membersOf = (tenantId: string) =>
  db.selectFrom('members').select(['id', 'google_sub']).where('tenant_id', '=', tenantId).execute();

describe('Google sign-in', () => {
  it("routes the login page's email of a Google tenant's domain to Google's authorize endpoint with login_hint", async () => {
    const t = await googleTenant();
    const form = new FormData();
    form.set('email', `ann@${t.domain}`);
    const res = (await loginAction({
      request: new Request(`${APP}/login`, { method: 'POST', body: form, headers: { 'sec-fetch-mode': 'cors' } }),
      context: context(),
      params: {},
    })) as Response;
    expect(res.headers.get('x-remix-redirect') ?? res.headers.get('location')).toBe(
      `/sso/${t.slug}/start?login_hint=${encodeURIComponent(`ann@${t.domain}`)}`,
    );
    const flow = await start(t.slug, `ann@${t.domain}`);
    expect(`${flow.authorize.origin}${flow.authorize.pathname}`).toBe(`${google.issuer}/authorize`);
    expect(flow.p).toMatchObject({
      client_id: google.clientId,
      login_hint: `ann@${t.domain}`,
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
  });

  it('signs a Workspace account in at read_only keyed on sub, under either issuer form', async () => {
    const t = await googleTenant();
    const sub = google.newSub();
    const res = await signIn(t, { sub, email: `ann@${t.domain}` });
    expect(res.status).toBe(302);
    expect(await sessionOf(res)).toMatchObject({ tenantId: t.id, email: `ann@${t.domain}`, role: 'read_only' });
    // The host form (`accounts.google.com`), in the token and in the response's iss parameter.
    const legacy = await signIn(t, { sub, email: `ann@${t.domain}` }, { iss: 'host', issParam: google.hostIssuer });
    expect((await sessionOf(legacy))?.memberId).toBe((await sessionOf(res))?.memberId);
    expect(await membersOf(t.id)).toEqual([{ id: expect.any(String), google_sub: sub }]);
  });

  it('refuses and audits a consumer account (no hd) with a work address, and an hd of another customer', async () => {
    const t = await googleTenant();
    const other = await googleTenant();
    const email = `ceo@${t.domain}`;
    expect(await outcome(signIn(t, { sub: google.newSub(), email, hd: undefined }))).toBe('personal_account');
    expect(await outcome(signIn(t, { sub: google.newSub(), email, hd: other.domain }))).toBe('wrong_domain');
    expect(await refusals(t.id)).toEqual([
      { reason: 'google_hd_missing', email },
      { reason: 'google_wrong_domain', hd: other.domain, email },
    ]);
    expect(await membersOf(t.id)).toEqual([]);
    // The hd request parameter is not what decides: the authorize URL may carry one or not.
    expect((await start(t.slug, email)).p.hd).toBeUndefined();
  });

  it('refuses other issuers, audiences and parties, a forged key and a foreign iss parameter as unverifiable', async () => {
    const t = await googleTenant();
    const c = { sub: google.newSub(), email: `x@${t.domain}` };
    expect(await outcome(signIn(t, { ...c, iss: 'https://accounts.google.com.evil.example' }))).toBe('not_verified');
    expect(await outcome(signIn(t, { ...c, iss: `evil.example/${google.hostIssuer}` }))).toBe('not_verified');
    expect(await outcome(signIn(t, { ...c, aud: 'other.apps.googleusercontent.com' }))).toBe('not_verified');
    expect(await outcome(signIn(t, { ...c, azp: 'other.apps.googleusercontent.com' }))).toBe('not_verified');
    expect(await outcome(signIn(t, c, { issParam: 'https://evil.example' }))).toBe('not_verified');
    const { privateKey } = await import('jose').then((j) => j.generateKeyPair('RS256'));
    const flow = await start(t.slug, c.email);
    const forged = await google.idToken(
      { ...c, nonce: flow.p.nonce, azp: google.clientId, hd: t.domain, email_verified: true },
      { key: privateKey },
    );
    const code = google.issueCode(flow.p.code_challenge!, forged);
    expect(await outcome(callback(t.slug, { code, state: flow.p.state! }, flow.cookie))).toBe('not_verified');
    expect(await refusals(t.id)).toEqual([]);
    expect(await membersOf(t.id)).toEqual([]);
  });

  it('keeps the keys for the max-age of the certs answer, and fetches them again on an unknown kid', async () => {
    const t = await googleTenant();
    const sub = google.newSub();
    expect(await outcome(signIn(t, { sub, email: `k@${t.domain}` }))).toBe('signed in');
    const before = google.jwksFetches;
    clock += (MAX_AGE_S - 60) * 1000;
    expect(await outcome(signIn(t, { sub, email: `k@${t.domain}` }))).toBe('signed in');
    expect(google.jwksFetches).toBe(before); // within max-age: from the cache
    clock += 120 * 1000;
    expect(await outcome(signIn(t, { sub, email: `k@${t.domain}` }))).toBe('signed in');
    expect(google.jwksFetches).toBe(before + 1); // past max-age: fetched again
    await google.rotate();
    expect(await outcome(signIn(t, { sub, email: `k@${t.domain}` }))).toBe('signed in');
    expect(google.jwksFetches).toBe(before + 2); // a kid it did not hold: fetched at once
  });

  it('links an existing member by email only with email_verified and a matching hd', async () => {
    const t = await googleTenant();
    const boss = await seedMember(deps, t.id, 'admin', `boss@${t.domain}`);
    const sub = google.newSub();
    expect(await outcome(signIn(t, { sub, email: `boss@${t.domain}`, email_verified: false }))).toBe('wrong_account');
    const res = await signIn(t, { sub, email: `boss@${t.domain}` });
    expect(await sessionOf(res)).toMatchObject({ memberId: boss.id, role: 'admin' });
    // Another Google account with the same vouched-for address does not become the pinned member.
    expect(await outcome(signIn(t, { sub: google.newSub(), email: `boss@${t.domain}` }))).toBe('wrong_account');
    expect((await refusals(t.id)).map((r) => r.reason)).toEqual([
      'email_not_verified',
      'member_pinned_to_other_google_account',
    ]);
  });
});

describe('Google sign-out', () => {
  it('is local: ends the session and clears the cookies, without sending the browser to Google', async () => {
    const t = await googleTenant();
    const res = await signIn(t, { sub: google.newSub(), email: `out@${t.domain}` });
    expect(await sessionOf(res)).not.toBeNull();
    const out = await signOut(
      new Request(`${APP}/logout`, { method: 'POST', headers: { cookie: cookiePair(res), 'sec-fetch-mode': 'cors' } }),
      context(),
    );
    if (!(out instanceof Response)) throw new Error('expected a redirect');
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/signed-out');
    expect(out.headers.getSetCookie().some((c) => c.startsWith('bfy_session=;'))).toBe(true);
    expect(await sessionOf(res)).toBeNull();
  });
});
