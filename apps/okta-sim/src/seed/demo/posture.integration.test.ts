import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
let get: (path: string) => Promise<any>;
beforeAll(async () => {
  ctx = await startSeeded({ users: 100, rateScale: 100 });
  get = async (path) => (await call(`${ctx.org}${path}`, { auth: ssws(ctx.token) })).body;
});
afterAll(() => ctx.sim.close());

const rules = (policyId: string) => get(`/api/v1/policies/${policyId}/rules`);

test('the four deliberate STIG findings are in the data', async () => {
  // OKTA-APP-000020 and -001710: the top rule of the top global session policy.
  const [session] = await get('/api/v1/policies?type=OKTA_SIGN_ON');
  const top = (await rules(session.id)).find((r: any) => !r.system);
  expect(top.actions.signon.session).toEqual({
    maxSessionIdleMinutes: 60,
    maxSessionLifetimeMinutes: 720,
    usePersistentCookie: true,
  });
  // OKTA-APP-000170: every active password policy locks out after 10 attempts.
  const passwords = (await get('/api/v1/policies?type=PASSWORD')).filter((p: any) => p.status === 'ACTIVE');
  expect(passwords.map((p: any) => p.settings.password.lockout.maxAttempts)).toEqual([10, 10]);
  // OKTA-APP-001430: no log stream.
  expect(await get('/api/v1/logStreams')).toEqual([]);
});

test('what the other STIG rules read is compliant', async () => {
  const [session] = await get('/api/v1/policies?type=OKTA_SIGN_ON');
  for (const r of (await rules(session.id)).filter((r: any) => !r.system)) {
    expect(r.conditions.network.connection).toBe('ZONE');
    expect(r.actions.signon.session.maxSessionLifetimeMinutes).toBeLessThanOrEqual(18 * 60);
  }
  for (const p of (await get('/api/v1/policies?type=PASSWORD')).filter((p: any) => p.status === 'ACTIVE')) {
    const { complexity, age } = p.settings.password;
    expect(complexity).toMatchObject({
      minLength: 15,
      minUpperCase: 1,
      minLowerCase: 1,
      minNumber: 1,
      minSymbol: 1,
      dictionary: { common: { exclude: true } },
    });
    expect(age.minAgeMinutes).toBeGreaterThanOrEqual(1440);
    expect(age.maxAgeDays).toBeGreaterThanOrEqual(1);
    expect(age.maxAgeDays).toBeLessThanOrEqual(60);
    expect(age.historyCount).toBeGreaterThanOrEqual(5);
  }
  const access = await get('/api/v1/policies?type=ACCESS_POLICY');
  for (const name of ['Okta Admin Console', 'Okta Dashboard']) {
    const policy = access.find((p: any) => p.name === name);
    for (const r of await rules(policy.id)) {
      expect(r.actions.appSignOn.verificationMethod).toMatchObject({
        factorMode: '2FA',
        constraints: [{ possession: { phishingResistant: 'REQUIRED' } }],
      });
    }
  }
  const apps = await get('/api/v1/apps?limit=200');
  const adminConsole = apps.find((a: any) => a.name === 'saasure');
  expect(adminConsole._links.accessPolicy.href).toContain(access.find((p: any) => p.name === 'Okta Admin Console').id);
  for (const app of apps) {
    const policyId = app._links.accessPolicy.href.split('/').pop();
    for (const r of (await rules(policyId)).filter((r: any) => !r.system))
      expect(r.conditions?.network?.connection, app.label).toBe('ZONE');
  }
  expect(await get('/api/v1/first-party-app-settings/admin-console')).toEqual({
    sessionIdleTimeoutMinutes: 15,
    sessionMaxLifetimeMinutes: 120,
  });

  const authenticators = await get('/api/v1/authenticators');
  expect(authenticators.find((a: any) => a.key === 'smart_card_idp').status).toBe('ACTIVE');
  expect(authenticators.find((a: any) => a.key === 'okta_verify').settings.compliance.fips).toBe('REQUIRED');
  const zones = await get('/api/v1/zones');
  expect(
    zones.some(
      (z: any) =>
        z.status === 'ACTIVE' && z.usage === 'BLOCKLIST' && z.ipServiceCategories?.include?.includes('ALL_ANONYMIZERS'),
    ),
  ).toBe(true);

  const [idp] = await get('/api/v1/idps?type=X509');
  const key = await get(`/api/v1/idps/credentials/keys/${idp.protocol.credentials.trust.kid}`);
  const chain = key.x5c.map((c: string) => new X509Certificate(Buffer.from(c, 'base64')));
  expect(chain.at(-1).subject).toContain('CN=DoD Root CA 3');
  expect(chain[0].verify(chain[1].publicKey)).toBe(true);

  const tokens = await get('/api/v1/api-tokens');
  for (const t of tokens) {
    expect(t.network.connection).toBe('ZONE');
    const owner = await get(`/api/v1/users/${t.userId}`);
    const type = await get(`/api/v1/meta/types/user/${owner.type.id}`);
    expect(type.name).toBe('serviceAccount');
    expect((await get(`/api/v1/users/${owner.id}/roles`)).map((r: any) => r.type)).not.toContain('SUPER_ADMIN');
  }
  const [brand] = await get('/api/v1/brands');
  expect((await get(`/api/v1/brands/${brand.id}/pages/sign-in/customized`)).pageContent).toContain(
    'U.S. Government (USG) Information System',
  );

  const assignees = (await get('/api/v1/iam/assignees/users')).value;
  const roleTypes = await Promise.all(
    assignees.map(async (a: any) => (await get(`/api/v1/users/${a.id}/roles`)).map((r: any) => r.type)),
  );
  const superAdmins = roleTypes.filter((types) => types.includes('SUPER_ADMIN')).length;
  expect(superAdmins).toBe(2);
  expect(superAdmins * 2).toBeLessThanOrEqual(roleTypes.length);
});

test('the demo users are the same people in the Management API and at sign-in', async () => {
  const ann = await get('/api/v1/users/ann@acme.test');
  expect(ann).toMatchObject({
    status: 'ACTIVE',
    profile: { firstName: 'Ann', lastName: 'Archer', email: 'ann@acme.test' },
  });
  expect(ctx.sim.orgs.listUsers('acme').find((u) => u.profile.login === 'ann@acme.test')!.id).toBe(ann.id);
});
