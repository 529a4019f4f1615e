import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { setSsoSettings } from '@butterfly/domain/sso';
import { seedMember, seedSsoTenant, seedTenant, testDeps } from '@butterfly/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeySets } from '../../server/oidc/key-sets.ts';
import { securityHeaders } from '../../server/security-headers.ts';
import { createWebServices } from '../../server/services.ts';
import { startFakeEntra } from '../../server/testing/fake-entra.ts';
import { cookiePair, outcome, signInFlow } from '../../server/testing/sign-in-flow.ts';
import { receiveFrontchannelLogout } from '../logout/frontchannel.server.ts';
import { signOut } from './sign-out.server.ts';

/** Sign-in with Microsoft Entra ID against a local v2.0 issuer (decision 056). */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const entra = await startFakeEntra();
afterAll(() => entra.close());
const APP = 'http://localhost:3000';
const base = createWebServices({
  appUrl: APP,
  secureCookies: false,
  cookieSecret: 'test-secret',
  allowPrivateUrls: true,
});
// Without jose's 5 s refetch cooldown, so a key roll right after the first fetch is seen at once.
const services = { ...base, keySets: createKeySets({ outbound: base.outbound, cooldownMs: 0 }) };
const { context, start, callback, sessionOf, refusals } = signInFlow({
  db,
  deps,
  services,
  appUrl: APP,
  requestId: 'entra-test',
});

let n = 0;
const entraTenant = () =>
  seedSsoTenant(
    deps,
    {
      provider: 'entra',
      directoryId: entra.tid,
      authorityUrl: entra.authority,
      clientId: entra.clientId,
      clientSecret: entra.clientSecret,
    },
    [`entra-web${n++}.test`],
  );

/** The whole round trip with an ID token the test arranges (claims and signing key). */
async function signIn(
  t: { slug: string },
  email: string,
  claims: Record<string, unknown> = {},
  key?: NonNullable<Parameters<typeof entra.idToken>[1]>['key'],
  opts: { codeOfOtherTenant?: boolean } = {},
) {
  const flow = await start(t.slug, email);
  const token = await entra.idToken({ nonce: flow.p.nonce, email, ...claims }, { key });
  const code = entra.issueCode(flow.p.code_challenge!, token, { otherTenant: opts.codeOfOtherTenant });
  return callback(t.slug, { code, state: flow.p.state! }, flow.cookie);
}

describe('Entra ID sign-in', () => {
  it('goes to the directory’s own authorize endpoint and signs a good token in at read_only, keyed on (tid, oid)', async () => {
    const t = await entraTenant();
    const flow = await start(t.slug, `ann@${t.domain}`);
    expect(`${flow.authorize.origin}${flow.authorize.pathname}`).toBe(
      `${entra.authority}/${entra.tid}/oauth2/v2.0/authorize`,
    );
    expect(flow.p).toMatchObject({
      client_id: entra.clientId,
      login_hint: `ann@${t.domain}`,
      code_challenge_method: 'S256',
    });
    const oid = randomUUID();
    const res = await signIn(t, `ann@${t.domain}`, { oid, sid: 'entra-sid-1' });
    expect(res.status).toBe(302);
    expect(await sessionOf(res)).toMatchObject({ tenantId: t.id, email: `ann@${t.domain}`, role: 'read_only' });
    const row = await db
      .selectFrom('members')
      .select(['entra_tid', 'entra_oid'])
      .where('tenant_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ entra_tid: entra.tid, entra_oid: oid });
  });

  it('refuses and audits a token of another directory, whether its tid or its iss says so', async () => {
    const t = await entraTenant();
    const other = randomUUID();
    const email = `eve@${t.domain}`;
    // A genuine token of another directory: Entra signs every directory's tokens with the same keys.
    expect(await outcome(signIn(t, email, { tid: other, iss: `${entra.authority}/${other}/v2.0` }))).toBe(
      'wrong_directory',
    );
    // The right issuer with another tid, and the right tid with the `{tenantid}` placeholder issuer.
    expect(await outcome(signIn(t, email, { tid: other }))).toBe('wrong_directory');
    expect(await outcome(signIn(t, email, { iss: `${entra.authority}/{tenantid}/v2.0` }))).toBe('wrong_directory');
    expect(await outcome(signIn(t, email, { iss: `${entra.authority}/common/v2.0` }))).toBe('wrong_directory');
    const audited = await refusals(t.id);
    expect(audited.map((a) => a.reason)).toEqual(Array(4).fill('entra_wrong_directory'));
    expect(audited[0]).toMatchObject({ tokenTid: other, tokenIss: `${entra.authority}/${other}/v2.0` });
    expect(audited[2]).toMatchObject({ tokenTid: entra.tid, tokenIss: `${entra.authority}/{tenantid}/v2.0` });
    expect(await db.selectFrom('members').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
    // Control: the same person with this directory's token gets in.
    expect(await outcome(signIn(t, email))).toBe('signed in');
  });

  it("refuses and audits a code of another directory, which the directory's token endpoint will not redeem", async () => {
    const t = await entraTenant();
    const email = `mallory@${t.domain}`;
    // The authorize request was carried to another directory: Entra answers AADSTS700005.
    expect(await outcome(signIn(t, email, {}, undefined, { codeOfOtherTenant: true }))).toBe('wrong_directory');
    expect(await refusals(t.id)).toEqual([
      { reason: 'entra_wrong_directory', seenAt: 'token_endpoint', tokenTid: null, tokenIss: null },
    ]);
    expect(await db.selectFrom('members').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
  });

  it('refuses a forged signature, a wrong audience and a missing oid, without calling them another directory', async () => {
    const t = await entraTenant();
    const email = `x@${t.domain}`;
    expect(await outcome(signIn(t, email, {}, await entra.newKey()))).toBe('not_verified');
    expect(await outcome(signIn(t, email, { aud: randomUUID() }))).toBe('not_verified');
    expect(await outcome(signIn(t, email, { oid: undefined }))).toBe('not_verified');
    expect(await refusals(t.id)).toEqual([]);
  });

  it('refetches the JWKS once for an unknown kid, and signs in with the rolled key', async () => {
    const t = await entraTenant();
    const oid = randomUUID();
    expect(await outcome(signIn(t, `k@${t.domain}`, { oid }, 1))).toBe('signed in');
    const before = entra.jwksFetches;
    expect(await outcome(signIn(t, `k@${t.domain}`, { oid }, 1))).toBe('signed in');
    expect(entra.jwksFetches).toBe(before); // known kid: from the cache
    const rolled = await entra.newKey();
    entra.rotate(rolled);
    expect(await outcome(signIn(t, `k@${t.domain}`, { oid }, rolled))).toBe('signed in');
    expect(entra.jwksFetches).toBe(before + 1);
  });

  it('links an existing member by email only with xms_edov, then keeps the pinned (tid, oid)', async () => {
    const t = await entraTenant();
    const okta = await seedMember(deps, t.id, 'admin', `boss@${t.domain}`);
    const oid = randomUUID();
    expect(await outcome(signIn(t, `boss@${t.domain}`, { oid }))).toBe('wrong_account');
    // email_verified is an Okta claim; for Entra only xms_edov vouches for the email.
    expect(await outcome(signIn(t, `boss@${t.domain}`, { oid, email_verified: true }))).toBe('wrong_account');
    const res = await signIn(t, `boss@${t.domain}`, { oid, xms_edov: true });
    expect(await sessionOf(res)).toMatchObject({ memberId: okta.id, role: 'admin' });
    // The email changes at Entra: still the same member, found by (tid, oid).
    const renamed = await signIn(t, `b.oss@${t.domain}`, { oid });
    expect(await sessionOf(renamed)).toMatchObject({ memberId: okta.id });
    // Someone else with a vouched-for copy of the email does not become the pinned member.
    expect(await outcome(signIn(t, `boss@${t.domain}`, { oid: randomUUID(), xms_edov: true }))).toBe('wrong_account');
  });
});

describe('Entra front-channel logout', () => {
  const frontchannel = (slug: string, query: string) =>
    receiveFrontchannelLogout(new Request(`${APP}/sso/${slug}/frontchannel-logout${query}`), context(), slug);

  it('ends the session of that Entra sid with a 200 page only Entra may frame; idempotent', async () => {
    const t = await entraTenant();
    const oid = randomUUID();
    const res = await signIn(t, `fc@${t.domain}`, { oid, sid: 'entra-sid-fc' });
    const other = await signIn(t, `fc@${t.domain}`, { oid, sid: 'entra-sid-other' });
    expect(await sessionOf(res)).not.toBeNull();
    const out = await frontchannel(t.slug, '?sid=entra-sid-fc');
    expect(out.status).toBe(200);
    expect(out.headers.get('content-type')).toMatch(/^text\/html/);
    expect(out.headers.get('cache-control')).toBe('no-store');
    expect(out.headers.get('content-security-policy')).toBe(`default-src 'none'; frame-ancestors ${entra.authority}`);
    expect(await sessionOf(res)).toBeNull();
    expect(await sessionOf(other)).not.toBeNull();
    expect((await frontchannel(t.slug, '?sid=entra-sid-fc')).status).toBe(200);
    expect((await frontchannel(t.slug, '?sid=never-seen')).status).toBe(200);
  });

  it('ends nothing without exactly one sid, with another issuer, or at a tenant that does not use Entra', async () => {
    const t = await entraTenant();
    const res = await signIn(t, `fc2@${t.domain}`, { sid: 'entra-sid-2' });
    expect((await frontchannel(t.slug, '')).status).toBe(400);
    expect((await frontchannel(t.slug, '?sid=entra-sid-2&sid=x')).status).toBe(400);
    const otherIss = encodeURIComponent(`${entra.authority}/${randomUUID()}/v2.0`);
    expect((await frontchannel(t.slug, `?sid=entra-sid-2&iss=${otherIss}`)).status).toBe(400);
    expect((await frontchannel('no-such-tenant', '?sid=entra-sid-2')).status).toBe(404);
    const okta = await seedTenant(deps);
    await setSsoSettings(deps, okta.id, { issuer: 'https://acme.okta.example', clientId: 'c', clientSecret: 's' });
    expect((await frontchannel(okta.slug, '?sid=entra-sid-2')).status).toBe(404);
    expect(await sessionOf(res)).not.toBeNull();
    const iss = encodeURIComponent(entra.issuer);
    expect((await frontchannel(t.slug, `?sid=entra-sid-2&iss=${iss}`)).status).toBe(200);
    expect(await sessionOf(res)).toBeNull();
  });

  it('is the only path whose app-wide headers let another site frame it', () => {
    const frameable = securityHeaders({ nonce: 'n0nce', https: true, path: '/sso/acme/frontchannel-logout' });
    expect(frameable['X-Frame-Options']).toBeUndefined();
    expect(frameable['Content-Security-Policy']).not.toContain('frame-ancestors');
    for (const path of ['/sso/acme/backchannel-logout', '/login', '/sso/acme/frontchannel-logout/x', undefined]) {
      const h = securityHeaders({ nonce: 'n0nce', https: true, path });
      expect(h['X-Frame-Options']).toBe('DENY');
      expect(h['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    }
  });
});

describe('Entra RP-initiated logout', () => {
  it('continues to the end_session_endpoint with post_logout_redirect_uri and logout_hint', async () => {
    const t = await entraTenant();
    const res = await signIn(t, `out@${t.domain}`, { login_hint: 'O.opaque-login-hint' });
    const cookie = cookiePair(res);
    const out = await signOut(
      new Request(`${APP}/logout`, { method: 'POST', headers: { cookie, 'sec-fetch-mode': 'cors' } }),
      context(),
    );
    if (!(out instanceof Response)) throw new Error('expected a redirect');
    const to = new URL(out.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${entra.authority}/${entra.tid}/oauth2/v2.0/logout`);
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/signed-out`);
    expect(to.searchParams.get('logout_hint')).toBe('O.opaque-login-hint');
    expect(await sessionOf(res)).toBeNull();
  });
});
