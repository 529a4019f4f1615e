import { generateKeyPairSync } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from './catalog.fns.ts';
import { createOktaClient } from './client.ts';
import { fakeOktaOrg, fixtures, ORG } from './test/okta-handlers.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TOKEN = 'ssws-read-only-admin';
const opts = { allowPrivateNetwork: true, backoffBaseMs: 1, jitterMs: 0, maxRetries: 0 };

/**
 * Every read the access test makes is a GET under /api/v1. This org answers them all for a
 * read-only admin who lacks the roles and logs permissions, and has no behavior detection.
 */
const readOnlyAdmin = http.get(`${ORG}/api/v1/*`, ({ request }) => {
  const path = new URL(request.url).pathname;
  if (request.headers.get('authorization') !== `SSWS ${TOKEN}`)
    return HttpResponse.json({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' }, { status: 401 });
  if (path === '/api/v1/iam/roles' || path === '/api/v1/logs')
    return HttpResponse.json(fixtures.ErrorAccessDenied, { status: 403 });
  if (path === '/api/v1/behaviors')
    return HttpResponse.json(
      { errorCode: 'E0000015', errorSummary: 'You do not have permission to access the feature you are requesting' },
      { status: 401 },
    );
  return HttpResponse.json(path === '/api/v1/org' || path.includes('/schemas/') ? {} : []);
});

describe('testAccess', () => {
  it('with an SSWS token: names each missing permission and what it leaves out', async () => {
    server.use(readOnlyAdmin);
    const report = await createOktaClient(
      { provider: 'okta', orgUrl: ORG, credentials: { kind: 'ssws', token: TOKEN } },
      opts,
    ).testAccess();
    expect(report).toMatchObject({ ok: false, connected: true });
    expect(report.missing.map((m) => m.scope)).toEqual(['okta.roles.read', 'okta.logs.read']);
    const roles = report.missing[0]!.leavesOut;
    expect(roles).toEqual(
      expect.arrayContaining([
        'admin_role',
        'resource_set',
        'group.role',
        'app.client_role',
        'admin_assignee.role.target_group',
      ]),
    );
    expect(roles).not.toContain('group');
    expect(report.missing[1]!.leavesOut).toEqual(['change attribution (System Log)']);
    expect(report.unavailable).toEqual([{ type: 'behavior', reason: expect.stringContaining('E0000015') }]);
    expect(report.granted).toContain('okta.users.read');
  });

  it('reads app scope grants under a made-up app id: a 404 there means granted, a 403 missing', async () => {
    const org = (grants: 403 | 404) =>
      http.get(`${ORG}/api/v1/*`, ({ request }) => {
        const path = new URL(request.url).pathname;
        if (path === '/api/v1/apps/0oa00000000000000000/grants') {
          return grants === 404
            ? HttpResponse.json(
                {
                  errorCode: 'E0000007',
                  errorSummary: 'Not found: Resource not found: 0oa00000000000000000 (AppInstance)',
                  errorCauses: [],
                },
                { status: 404 },
              )
            : HttpResponse.json(fixtures.ErrorAccessDenied, { status: 403 });
        }
        return HttpResponse.json(path === '/api/v1/org' || path.includes('/schemas/') ? {} : []);
      });
    const client = () =>
      createOktaClient({ provider: 'okta', orgUrl: ORG, credentials: { kind: 'ssws', token: TOKEN } }, opts);
    server.use(org(404));
    const granted = await client().testAccess();
    expect(granted).toMatchObject({ ok: true, missing: [] });
    expect(granted.granted).toContain('okta.appGrants.read');
    expect(granted.unavailable).toBeUndefined();
    server.resetHandlers();
    server.use(org(403));
    expect((await client().testAccess()).missing).toEqual([{ scope: 'okta.appGrants.read', leavesOut: ['app.grant'] }]);
  });

  it('with a token Okta refuses: not connected', async () => {
    server.use(readOnlyAdmin);
    const report = await createOktaClient(
      { provider: 'okta', orgUrl: ORG, credentials: { kind: 'ssws', token: 'wrong' } },
      opts,
    ).testAccess();
    expect(report).toMatchObject({
      ok: false,
      connected: false,
      missing: [],
      detail: expect.stringContaining('Invalid token'),
    });
  });

  it('with OAuth: finds the scopes the service app was not granted', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const granted = ['okta.users.read', 'okta.groups.read', 'okta.apps.read', 'okta.orgs.read'];
    const org = fakeOktaOrg({ oauth: { clientId: 'svc', publicKey: rsa.publicKey, granted } });
    server.use(
      ...org.handlers.filter((h) => !h.info.path.toString().includes('/api/v1/')),
      http.get(`${ORG}/api/v1/*`, () => HttpResponse.json([])),
    );
    const privateKey = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const report = await createOktaClient(
      { provider: 'okta', orgUrl: ORG, credentials: { kind: 'oauth', clientId: 'svc', privateKey } },
      opts,
    ).testAccess();

    expect(report).toMatchObject({ ok: false, connected: true, granted });
    expect(report.missing).toHaveLength(ALL_SCOPES.length - granted.length);
    expect(report.missing.find((m) => m.scope === 'okta.policies.read')!.leavesOut).toContain(
      'policy.OKTA_SIGN_ON.rule',
    );
    // One token request with every scope (refused), then one per scope.
    expect(org.seen.filter((r) => r.method === 'POST')).toHaveLength(1 + ALL_SCOPES.length);
  });

  it('with an unknown OAuth client: not connected, and says why', async () => {
    const rsa = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    server.use(...fakeOktaOrg().handlers);
    const privateKey = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const report = await createOktaClient(
      { provider: 'okta', orgUrl: ORG, credentials: { kind: 'oauth', clientId: 'nobody', privateKey } },
      opts,
    ).testAccess();
    expect(report).toMatchObject({ ok: false, connected: false, detail: expect.stringContaining('invalid_client') });
  });
});
