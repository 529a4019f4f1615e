import { ALL_SCOPES, createOktaClient, typesLeftOut } from '@butterfly/connectors';
import type { OktaConnectionConfig } from '@butterfly/domain/idp';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithRaw } from './support/expected.ts';
import { objectKey, rawWalk } from './support/raw-walk.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/** Issue 6: both ways of connecting work against okta-sim, and a missing scope is named exactly. */
let sim: OktaSim;
let org: SimOrgHandle;
beforeAll(async () => {
  sim = await startSim({ users: 10, rateScale: 100 });
  org = await orgHandle(sim);
});
afterAll(() => sim.close());

const TYPES = [
  'user',
  'group',
  'group.member',
  'policy.PASSWORD',
  'policy.PASSWORD.rule',
  'network_zone',
  'app',
  'admin_role',
  'org',
];
const client = (credentials: OktaConnectionConfig['credentials']) =>
  createOktaClient({ provider: 'okta', orgUrl: org.url, credentials }, { allowPrivateNetwork: true });
const oauth = () => client({ kind: 'oauth', clientId: org.clientId, privateKey: org.privateKeyPem });
const ssws = () => client({ kind: 'ssws', token: org.apiToken });

async function readAll(c: ReturnType<typeof client>) {
  const out = new Map<string, { body: unknown; redacted?: string[] }>();
  for await (const o of c.listObjects({ types: TYPES })) out.set(objectKey(o.type, o.id), o);
  return out;
}

describe('authentication against okta-sim', () => {
  it('reads the same objects with an SSWS token and with a private_key_jwt service app', async () => {
    const raw = await rawWalk(org, TYPES);
    const [bySsws, byOauth] = [await readAll(ssws()), await readAll(oauth())];
    expect(compareWithRaw(raw, bySsws, { checkRedacted: true })).toEqual([]);
    expect(compareWithRaw(raw, byOauth, { checkRedacted: true })).toEqual([]);
    expect(byOauth.size).toBeGreaterThan(50);
  });

  it('reports every scope as granted to both credentials', async () => {
    for (const c of [ssws(), oauth()]) {
      const report = await c.testAccess();
      expect(report).toMatchObject({ ok: true, connected: true, missing: [] });
      expect(report.granted).toEqual(ALL_SCOPES);
      expect(report.unavailable).toBeUndefined();
    }
  });

  it('names exactly the scopes a service app was not granted, and what a backup leaves out', async () => {
    const apps = (await org.api('GET', '/api/v1/apps?limit=200')).body;
    const app = apps.find(
      (a: { credentials?: { oauthClient?: { client_id?: string } } }) =>
        a.credentials?.oauthClient?.client_id === org.clientId,
    );
    const grants = (await org.api('GET', `/api/v1/apps/${app.id}/grants`)).body as { id: string; scopeId: string }[];
    const revoke = ['okta.roles.read', 'okta.logs.read', 'okta.roles.manage'];
    for (const g of grants.filter((g) => revoke.includes(g.scopeId)))
      expect((await org.api('DELETE', `/api/v1/apps/${app.id}/grants/${g.id}`)).status).toBe(204);

    const report = await oauth().testAccess();
    expect(report.ok).toBe(false);
    expect(report.connected).toBe(true);
    expect(report.missing).toEqual([
      { scope: 'okta.roles.read', leavesOut: typesLeftOut('okta.roles.read') },
      { scope: 'okta.logs.read', leavesOut: ['change attribution (System Log)'] },
    ]);
    expect(report.missing[0]!.leavesOut).toEqual(
      expect.arrayContaining(['admin_role', 'group.role', 'app.client_role']),
    );
    expect(report.granted).toEqual(ALL_SCOPES.filter((s) => s !== 'okta.roles.read' && s !== 'okta.logs.read'));
    // SSWS is not bound to the app's grants.
    expect((await ssws().testAccess()).ok).toBe(true);
  });

  it('cannot connect with a wrong token or a key Okta does not know', async () => {
    expect(await client({ kind: 'ssws', token: `${org.apiToken}x` }).testAccess()).toMatchObject({
      ok: false,
      connected: false,
    });
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const report = await client({ kind: 'oauth', clientId: org.clientId, privateKey: other }).testAccess();
    expect(report).toMatchObject({ ok: false, connected: false, detail: expect.stringContaining('invalid_client') });
  });
});
