import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { createApiToken } from '@butterfly/domain/api-tokens';
import { createKeyring } from '@butterfly/domain/crypto';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';
import * as trpcRoute from '../../app/routes/api.trpc.$.ts';
import * as loginRoute from '../../app/routes/login.tsx';
import * as revokeRoute from '../../app/routes/oauth.revoke.ts';
import * as tokenRoute from '../../app/routes/oauth.token.ts';
import * as recoverRoute from '../../app/routes/recover.$token.tsx';
import * as ssoStartRoute from '../../app/routes/sso.$tenant.start.tsx';
import { type AppDeps, createApp } from '../app.ts';
import { routeBuild } from '../testing/route-build.ts';

/**
 * The attacks of issue 15 against the web app over real HTTP, through the real routes: each one is
 * answered 429 with Retry-After once past its (test-sized) allowance, while other clients, other
 * accounts and valid credentials carry on.
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const log = createLogger('web-test', 'silent');
const keyring = createKeyring(Buffer.alloc(32, 7));
const APP_URL = 'http://localhost:3000';
const LIMITS = {
  login_ip: { points: 3, windowSec: 60 },
  sso_start_ip: { points: 5, windowSec: 60 },
  sso_start_account: { points: 2, windowSec: 300 },
  oauth_ip: { points: 3, windowSec: 60 },
  recover_ip: { points: 4, windowSec: 900 },
  recover_link: { points: 2, windowSec: 900 },
  api_bearer_fail_ip: { points: 3, windowSec: 60 },
  scim_bearer_fail_ip: { points: 3, windowSec: 60 },
};
const build = routeBuild({
  'routes/login': { path: 'login', module: loginRoute },
  'routes/sso.$tenant.start': { path: 'sso/:tenant/start', module: ssoStartRoute },
  'routes/oauth.token': { path: 'oauth/token', module: tokenRoute },
  'routes/oauth.revoke': { path: 'oauth/revoke', module: revokeRoute },
  'routes/recover.$token': { path: 'recover/:token', module: recoverRoute },
  'routes/api.trpc.$': { path: 'api/trpc/*', module: trpcRoute },
});

async function serve(overrides: Partial<AppDeps> = {}): Promise<string> {
  const web = { appUrl: APP_URL, cookieSecret: 'test-cookie-secret', allowPrivateUrls: true };
  const app = createApp({
    db,
    log,
    keyring,
    https: false,
    web,
    build,
    rateLimits: LIMITS,
    trustProxy: 1,
    ...overrides,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const base = await serve();
let ipCounter = 1;
/** A fresh client address per test (the app trusts one proxy hop, so X-Forwarded-For names it). */
const newIp = () => `198.51.100.${ipCounter++}`;
const from = (ip: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...headers });
const form = (ip: string, body: Record<string, string>) =>
  ({
    method: 'POST',
    headers: from(ip, {
      origin: APP_URL,
      'x-forwarded-host': 'localhost:3000',
      'content-type': 'application/x-www-form-urlencoded',
    }),
    body: new URLSearchParams(body),
  }) as const;

async function statuses(n: number, send: () => Promise<Response>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send()).status);
  return out;
}

function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('sign-in start', () => {
  it('POST /login: per address, then 429 with Retry-After and a stable code; another address carries on', async () => {
    const ip = newIp();
    const send = () => fetch(`${base}/login`, form(ip, { email: `ann${Math.random()}@nowhere.test` }));
    expect(await statuses(3, send)).toEqual([400, 400, 400]);
    const refused = await send();
    expectRateLimited(refused);
    expect(await refused.text()).toContain('RATE_LIMITED');
    expect((await fetch(`${base}/login`, form(newIp(), { email: 'bo@nowhere.test' }))).status).toBe(400);
  });

  it('/sso/<tenant>/start: per account (login_hint), whatever the address; other accounts carry on', async () => {
    const victim = 'victim@bank.test';
    const start = (hint: string, ip = newIp()) =>
      fetch(`${base}/sso/bank/start?login_hint=${encodeURIComponent(hint)}`, { headers: from(ip), redirect: 'manual' });
    expect((await start(victim)).status).not.toBe(429);
    expect((await start(victim.toUpperCase())).status).not.toBe(429);
    expectRateLimited(await start(victim));
    expect((await start('someone-else@bank.test')).status).not.toBe(429);
  });

  it('/sso/<tenant>/start: per address, across accounts', async () => {
    const ip = newIp();
    const codes = await statuses(6, () =>
      fetch(`${base}/sso/bank/start?login_hint=u${Math.random()}@bank.test`, { headers: from(ip), redirect: 'manual' }),
    );
    expect(codes.slice(0, 5)).not.toContain(429);
    expect(codes[5]).toBe(429);
  });
});

describe('OAuth token and revoke', () => {
  it('share a per-address allowance and answer 429 in OAuth error form', async () => {
    const ip = newIp();
    const post = (path: string) =>
      fetch(
        `${base}/oauth/${path}`,
        form(ip, {
          grant_type: 'refresh_token',
          refresh_token: 'guess',
          client_id: 'butterfly-extension',
          token: 'guess',
        }),
      );
    const codes = [(await post('token')).status, (await post('revoke')).status, (await post('token')).status];
    expect(codes).not.toContain(429);
    const refused = await post('revoke');
    expectRateLimited(refused);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited', code: 'RATE_LIMITED' });
  });
});

describe('recovery links', () => {
  it('a link is tried a few times at most, from anywhere', async () => {
    const link = `${base}/recover/brk_${'a'.repeat(40)}`;
    expect((await fetch(link, form(newIp(), {}))).status).toBe(401);
    expect((await fetch(link, form(newIp(), {}))).status).toBe(401);
    expectRateLimited(await fetch(link, form(newIp(), {})));
    // Looking at the confirmation page (what mail scanners do) never counts.
    expect((await fetch(link, { headers: from(newIp()) })).status).toBe(200);
  });

  it('an address guessing links is stopped, across links', async () => {
    const ip = newIp();
    const codes = await statuses(5, () =>
      fetch(`${base}/recover/brk_${Math.random().toString(36).slice(2)}`, form(ip, {})),
    );
    expect(codes).toEqual([401, 401, 401, 401, 429]);
  });
});

const apiTenant = await seedTenant(deps);
const apiMember = await seedMember(deps, apiTenant.id, 'admin');
const { token } = await createApiToken(deps, apiTenant.id, { name: 'ci', member: apiMember.id });

describe('failed Bearer authentication on /api/trpc', () => {
  const call = (ip: string, bearer: string) =>
    fetch(`${base}/api/trpc/me.get`, { headers: from(ip, { authorization: `Bearer ${bearer}` }) });

  it('failures are refused 429 past the allowance; a valid token from the same address is never limited', async () => {
    const ip = newIp();
    for (let i = 0; i < 8; i++) expect((await call(ip, token)).status).toBe(200);
    expect(await statuses(3, () => call(ip, 'bfy_wrong'))).toEqual([401, 401, 401]);
    const refused = await call(ip, 'bfy_wrong');
    expectRateLimited(refused);
    expect(await refused.json()).toMatchObject({ error: { data: { httpStatus: 429, domainCode: 'RATE_LIMITED' } } });
    expect((await call(ip, token)).status).toBe(200);
    expect((await call(newIp(), 'bfy_wrong')).status).toBe(401);
  });
});

describe('client address', () => {
  it('without a trusted proxy, X-Forwarded-For is ignored: forging it does not escape the limit', async () => {
    const direct = await serve({ trustProxy: 0 });
    const codes = await statuses(4, () => fetch(`${direct}/login`, form(newIp(), { email: 'x@nowhere.test' })));
    expect(codes).toEqual([400, 400, 400, 429]);
  });
});

describe('a Postgres outage', () => {
  it('limits from memory instead of failing every request', async () => {
    const deadDb = createDb('postgres://nobody:x@127.0.0.1:1/none', { max: 1 });
    afterAll(() => deadDb.destroy());
    // No routes (they would need the database too): the limiter answers, then the 404 fallback.
    const url = await serve({ db: deadDb, build: undefined });
    const ip = newIp();
    const codes = await statuses(4, () => fetch(`${url}/login`, form(ip, { email: 'x@nowhere.test' })));
    expect(codes).toEqual([404, 404, 404, 429]);
  });
});
