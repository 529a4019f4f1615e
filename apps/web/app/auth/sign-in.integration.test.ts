import { createLogger } from '@butterfly/config';
import { useTestDatabase } from '@butterfly/db/testing';
import { deactivateMember } from '@butterfly/domain/members';
import { createSession, resolveSession } from '@butterfly/domain/sessions';
import { setSsoSettings, verifyDomain } from '@butterfly/domain/sso';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, describe, expect, it } from 'vitest';
import { createWebServices } from '../../server/services.ts';
import { startFakeIdp } from '../../server/testing/fake-idp.ts';
import { authCookies } from './cookies.server.ts';
import { SignInProblemError, completeSignIn, startSignIn } from './sign-in.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const idp = await startFakeIdp();
afterAll(() => idp.close());
const APP = 'http://localhost:3000';
const services = createWebServices({
  appUrl: APP,
  secureCookies: false,
  cookieSecret: 'test-secret',
  allowPrivateUrls: true,
});

const contextWith = (s = services): AppLoadContext => ({
  db,
  log: createLogger('test', 'silent'),
  keyring: deps.keyring,
  requestId: 'sign-in-test',
  cspNonce: 'n',
  services: s,
  client: { ip: '203.0.113.9', userAgent: 'test-agent' },
});

let n = 0;
async function ssoTenant(domain = `t${n++}.test`) {
  const t = await seedTenant(deps, undefined, [domain]);
  await setSsoSettings(deps, t.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
  await verifyDomain(deps, t.id, { domain, method: 'operator' });
  return { ...t, domain };
}

const cookiePair = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ');

/** What a browser sends on the login page's hand-off to /start (a navigation by its own script). */
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', referer: `${APP}/login` };

/** Runs /start and returns what the browser would carry to the IdP and back. */
async function start(slug: string, hint = 'ann@example.test', context = contextWith()) {
  const res = await startSignIn(
    new Request(`${APP}/sso/${slug}/start?login_hint=${encodeURIComponent(hint)}`, { headers: SAME_ORIGIN }),
    context,
    slug,
  ).catch((e: unknown) => e as Response);
  expect(res).toBeInstanceOf(Response);
  const authorize = new URL(res.headers.get('location')!);
  return { res, authorize, cookie: cookiePair(res), p: Object.fromEntries(authorize.searchParams) };
}

function callback(slug: string, query: Record<string, string>, cookie: string, context = contextWith()) {
  const url = `${APP}/sso/${slug}/callback?${new URLSearchParams(query)}`;
  return completeSignIn(new Request(url, { headers: { cookie } }), context, slug);
}

const problemOf = (p: Promise<unknown>) =>
  p.then(
    () => 'signed in',
    (e: unknown) => (e instanceof SignInProblemError ? e.problem : Promise.reject(e)),
  );

describe('starting a sign-in from another site (login CSRF)', () => {
  const attempt = (slug: string, headers: Record<string, string>, cookie?: string) =>
    startSignIn(
      new Request(`${APP}/sso/${slug}/start?login_hint=mallory%40evil.test`, {
        headers: { ...headers, ...(cookie ? { cookie } : {}) },
      }),
      contextWith(),
      slug,
    ).catch((e: unknown) => e);

  it.each([
    [
      'a cross-site navigation',
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', referer: 'https://evil.test/' },
    ],
    ['a navigation from a sibling subdomain', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate' }],
    ['a browser without Sec-Fetch-Site, coming from another site', { referer: 'https://evil.test/page' }],
    ['a browser without Sec-Fetch-Site or Referer', {}],
  ])('refuses %s: no IdP redirect, no flow cookie, the session untouched', async (_, headers) => {
    const t = await ssoTenant();
    const victim = await seedMember(deps, t.id, 'admin');
    const session = await db
      .transaction()
      .execute((trx) =>
        createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: victim.id, authMethod: 'sso' }),
      );
    const cookie = (await authCookies(services).session.serialize(session.raw)).split(';')[0]!;
    const outcome = await attempt(t.slug, headers, cookie);
    expect(outcome).toBeInstanceOf(SignInProblemError);
    expect((outcome as SignInProblemError).problem).toBe('cross_site');
    expect(await resolveSession(deps, session.raw)).not.toBeNull();
  });

  it.each([
    ['the login page hand-off', SAME_ORIGIN],
    ['an address typed or bookmarked', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }],
    ['a browser without Sec-Fetch-Site, coming from this site', { referer: `${APP}/login` }],
  ])('lets %s through to the IdP', async (_, headers) => {
    const t = await ssoTenant();
    const res = (await attempt(t.slug, headers)) as Response;
    expect(res).toBeInstanceOf(Response);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${idp.issuer}/authorize`));
    expect(res.headers.getSetCookie().some((c) => c.startsWith('bfy_session='))).toBe(false);
  });
});

describe('the authorization request', () => {
  it('carries PKCE S256, state, nonce, login_hint and exactly openid profile email', async () => {
    const t = await ssoTenant();
    const { authorize, p, res } = await start(t.slug, `ann@${t.domain}`);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${idp.issuer}/authorize`);
    expect(p).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${APP}/sso/${t.slug}/callback`,
      code_challenge_method: 'S256',
      login_hint: `ann@${t.domain}`,
    });
    expect(p.scope).toBe('openid profile email');
    expect(p.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(p.state!.length).toBeGreaterThanOrEqual(16);
    expect(p.nonce!.length).toBeGreaterThanOrEqual(16);
    const flowCookie = res.headers.getSetCookie().find((c) => c.startsWith('bfy_oidc='))!;
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    expect(flowCookie).toMatch(/Max-Age=600/);
  });

  it('signs the flow cookie: a tampered one is no flow at all', async () => {
    const a = await ssoTenant();
    const b = await ssoTenant();
    const flow = await start(a.slug, 'a@b.test');
    const [name, value] = flow.cookie.split('=') as [string, string];
    const [payload, signature] = decodeURIComponent(value).split('.') as [string, string];
    const forged = Buffer.from(Buffer.from(payload, 'base64').toString().replace(a.slug, b.slug)).toString('base64');
    const code = idp.issueCode(
      flow.p.code_challenge!,
      await idp.idToken({ nonce: flow.p.nonce, email: `x@${b.domain}` }),
    );
    const tampered = `${name}=${encodeURIComponent(`${forged}.${signature}`)}`;
    expect(await problemOf(callback(b.slug, { code, state: flow.p.state! }, tampered))).toBe('expired');
    // Control: the same payload, signed with the key, is accepted.
    const resigned = (
      await authCookies(services).flow.serialize(JSON.parse(Buffer.from(forged, 'base64').toString()))
    ).split(';')[0]!;
    expect(await problemOf(callback(b.slug, { code, state: flow.p.state! }, resigned))).toBe('signed in');
  });

  it('uses __Host- cookies with Secure when APP_URL is https', async () => {
    const t = await ssoTenant();
    const https = createWebServices({
      appUrl: 'https://bfy.example.com',
      secureCookies: true,
      cookieSecret: 's',
      allowPrivateUrls: true,
    });
    const { res } = await start(t.slug, 'a@b.test', contextWith(https));
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-bfy_oidc=.*; Path=\/; .*Secure/);
  });

  it('says nothing about unknown tenants, and refuses issuers on private addresses unless allowed', async () => {
    expect(
      await problemOf(
        startSignIn(new Request(`${APP}/sso/nope/start`, { headers: SAME_ORIGIN }), contextWith(), 'nope'),
      ),
    ).toBe('not_configured');
    const t = await ssoTenant();
    const strict = createWebServices({
      appUrl: 'https://bfy.example.com',
      secureCookies: true,
      cookieSecret: 's',
      allowPrivateUrls: false,
    });
    expect(
      await problemOf(
        startSignIn(new Request(`${APP}/sso/${t.slug}/start`, { headers: SAME_ORIGIN }), contextWith(strict), t.slug),
      ),
    ).toBe('idp_unreachable');
  });
});

describe('the callback', () => {
  async function signInAs(
    email: string,
    opts: {
      tamper?: (p: Record<string, string>) => Record<string, string>;
      claims?: Record<string, unknown>;
      slug?: string;
      cookie?: string;
    } = {},
  ) {
    const t = await ssoTenant();
    const flow = await start(t.slug, email);
    const token = await idp.idToken({ nonce: flow.p.nonce, email, ...opts.claims });
    const code = idp.issueCode(flow.p.code_challenge!, token);
    const query = opts.tamper ? opts.tamper({ code, state: flow.p.state! }) : { code, state: flow.p.state! };
    return { t, flow, result: callback(opts.slug ?? t.slug, query, opts.cookie ?? flow.cookie) };
  }

  it('signs a new person in just in time at read_only, with a session cookie', async () => {
    const t = await ssoTenant();
    const email = `ann@${t.domain}`;
    const flow = await start(t.slug, email);
    const code = idp.issueCode(
      flow.p.code_challenge!,
      await idp.idToken({ nonce: flow.p.nonce, email, given_name: 'Ann' }),
    );
    const res = await callback(t.slug, { code, state: flow.p.state! }, flow.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('bfy_session='))!;
    expect(session).toMatch(/HttpOnly; SameSite=Lax/);
    const raw = await authCookies(services).session.parse(session.split(';')[0]!);
    expect(await resolveSession(deps, raw)).toMatchObject({
      tenantId: t.id,
      email,
      role: 'read_only',
      authMethod: 'sso',
    });
    // PKCE: the verifier went to the token endpoint, with the client authenticated.
    expect(idp.tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^[\w-]{43,}$/);
  });

  it('returns to the path remembered before sign-in (an OAuth authorization request), once', async () => {
    const t = await ssoTenant();
    const email = `rae@${t.domain}`;
    const flow = await start(t.slug, email);
    const back = (await authCookies(services).returnTo.serialize('/oauth/authorize?client_id=x')).split(';')[0];
    const code = idp.issueCode(flow.p.code_challenge!, await idp.idToken({ nonce: flow.p.nonce, email }));
    const res = await callback(t.slug, { code, state: flow.p.state! }, `${flow.cookie}; ${back}`);
    expect(res.headers.get('location')).toBe('/oauth/authorize?client_id=x');
    expect(res.headers.getSetCookie().find((c) => c.startsWith('bfy_return='))).toMatch(/Max-Age=0/);
  });

  it('refuses a wrong state, a missing flow cookie, and a flow started for another tenant', async () => {
    expect(
      await problemOf(
        (await signInAs('a@x.test', { tamper: (q) => ({ ...q, state: 'forged-state-value-0123' }) })).result,
      ),
    ).toBe('expired');
    expect(await problemOf((await signInAs('a@x.test', { cookie: '' })).result)).toBe('expired');
    const other = await ssoTenant();
    expect(await problemOf((await signInAs('a@x.test', { slug: other.slug })).result)).toBe('expired');
  });

  it('refuses an ID token with a wrong nonce, issuer or audience', async () => {
    for (const claims of [
      { nonce: 'another-nonce-value-000' },
      { iss: 'http://evil.test/org' },
      { aud: 'someone-else' },
    ]) {
      const { t, result } = await signInAs('x@y.test', { claims });
      expect(await problemOf(result), JSON.stringify(claims)).toBe('not_verified');
      expect(await db.selectFrom('members').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
    }
  });

  it('refuses a response naming another issuer (RFC 9207 mix-up defence)', async () => {
    expect(
      await problemOf(
        (await signInAs('a@x.test', { tamper: (q) => ({ ...q, iss: 'http://127.0.0.1:1/other-org' }) })).result,
      ),
    ).toBe('not_verified');
    const t = await ssoTenant();
    const flow = await start(t.slug, `ok@${t.domain}`);
    const code = idp.issueCode(
      flow.p.code_challenge!,
      await idp.idToken({ nonce: flow.p.nonce, email: `ok@${t.domain}` }),
    );
    expect((await callback(t.slug, { code, state: flow.p.state!, iss: idp.issuer }, flow.cookie)).status).toBe(302);
  });

  it('refuses a code the token endpoint rejects, and an error from the IdP', async () => {
    expect(
      await problemOf((await signInAs('a@x.test', { tamper: (q) => ({ ...q, code: 'not-a-code' }) })).result),
    ).toBe('not_verified');
    expect(
      await problemOf(
        (await signInAs('a@x.test', { tamper: (q) => ({ state: q.state!, error: 'access_denied' }) })).result,
      ),
    ).toBe('idp_refused');
  });

  it("refuses an email outside the tenant's verified domains (another tenant's IdP user)", async () => {
    const victim = await ssoTenant();
    const { t, result } = await signInAs(`eve@${victim.domain}`);
    expect(await problemOf(result)).toBe('wrong_account');
    for (const id of [t.id, victim.id])
      expect(await db.selectFrom('sessions').select('id').where('tenant_id', '=', id).execute()).toEqual([]);
  });

  it('refuses a deactivated member even though the IdP let them in', async () => {
    const t = await ssoTenant();
    await seedMember(deps, t.id, 'super_admin', `boss@${t.domain}`);
    const gone = await seedMember(deps, t.id, 'auditor', `gone@${t.domain}`);
    await deactivateMember(deps, t.id, { memberId: gone.id });
    const flow = await start(t.slug, gone.email);
    const code = idp.issueCode(flow.p.code_challenge!, await idp.idToken({ nonce: flow.p.nonce, email: gone.email }));
    expect(await problemOf(callback(t.slug, { code, state: flow.p.state! }, flow.cookie))).toBe('deactivated');
  });

  it('rotates: a new session each sign-in, and the one the browser held is ended', async () => {
    const t = await ssoTenant();
    const email = `rot@${t.domain}`;
    const once = async (cookie = '') => {
      const flow = await start(t.slug, email);
      const code = idp.issueCode(flow.p.code_challenge!, await idp.idToken({ nonce: flow.p.nonce, email }));
      const res = await callback(
        t.slug,
        { code, state: flow.p.state! },
        [flow.cookie, cookie].filter(Boolean).join('; '),
      );
      return res.headers
        .getSetCookie()
        .find((c) => c.startsWith('bfy_session='))!
        .split(';')[0]!;
    };
    const first = await once();
    const second = await once(first);
    expect(second).not.toBe(first);
    const parse = (c: string) => authCookies(services).session.parse(c);
    expect(await resolveSession(deps, await parse(first))).toBeNull();
    expect(await resolveSession(deps, await parse(second))).not.toBeNull();
  });
});

describe('linking an existing member by email', () => {
  /** A member provisioned before their first sign-in (by SCIM or the CLI), known by email only. */
  async function provisioned() {
    const t = await ssoTenant();
    const m = await seedMember(deps, t.id, 'admin', `lee@${t.domain}`);
    await db.updateTable('members').set({ idp_subject: '00u-original' }).where('id', '=', m.id).execute();
    return { t, m };
  }
  async function signInWith(slug: string, email: string, claims: Record<string, unknown>) {
    const flow = await start(slug, email);
    const code = idp.issueCode(flow.p.code_challenge!, await idp.idToken({ nonce: flow.p.nonce, email, ...claims }));
    return problemOf(callback(slug, { code, state: flow.p.state! }, flow.cookie));
  }
  const linkAudits = (tenantId: string) =>
    db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'member.idp_linked')
      .execute();

  it('refuses to take over a member by an email the IdP does not say is verified, and changes nothing', async () => {
    const { t, m } = await provisioned();
    for (const claims of [{}, { email_verified: false }, { email_verified: 'false' }]) {
      expect(await signInWith(t.slug, m.email, { sub: '00u-attacker', ...claims })).toBe('wrong_account');
    }
    const row = await db.selectFrom('members').select('idp_subject').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.idp_subject).toBe('00u-original');
    expect(await db.selectFrom('sessions').select('id').where('member_id', '=', m.id).execute()).toEqual([]);
    const refused = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', t.id)
      .where('action', '=', 'sso.sign_in_refused')
      .execute();
    expect(refused.map((r) => (r.data as { reason?: string }).reason)).toContain('email_not_verified');
  });

  it('links by a verified email on a verified domain, and audits the link with both subjects', async () => {
    const { t, m } = await provisioned();
    expect(await signInWith(t.slug, m.email, { sub: '00u-new', email_verified: true })).toBe('signed in');
    const row = await db.selectFrom('members').select('idp_subject').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.idp_subject).toBe('00u-new');
    expect(await linkAudits(t.id)).toEqual([
      {
        action: 'member.idp_linked',
        data: expect.objectContaining({ previousSubject: '00u-original', subject: '00u-new', by: 'verified_email' }),
      },
    ]);
    // Signing in again by the linked subject is no new link.
    expect(await signInWith(t.slug, m.email, { sub: '00u-new' })).toBe('signed in');
    expect(await linkAudits(t.id)).toHaveLength(1);
  });
});
