import { useTestDatabase } from '@butterfly/db/testing';
import { createApiToken } from '@butterfly/domain/api-tokens';
import { deactivateMember } from '@butterfly/domain/members';
import { createSession } from '@butterfly/domain/sessions';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { TEST_APP_URL, testContext } from '../../server/testing/web-context.ts';
import { authCookies } from './cookies.server.ts';
import { requestPrincipal } from './request-principal.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

async function member() {
  const t = await seedTenant(deps);
  await seedMember(deps, t.id, 'super_admin');
  const m = await seedMember(deps, t.id, 'admin');
  const s = await db
    .transaction()
    .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso' }));
  const context = testContext(db, deps.keyring);
  const cookie = (await authCookies(context.services).session.serialize(s.raw)).split(';')[0]!;
  return { t, m, s, context, cookie };
}

const request = (headers: Record<string, string>) => new Request(`${TEST_APP_URL}/api/trpc/me.get`, { headers });

describe('requestPrincipal', () => {
  it('takes the session cookie when there is no Authorization header', async () => {
    const w = await member();
    expect(await requestPrincipal(request({ cookie: w.cookie }), w.context)).toMatchObject({
      memberId: w.m.id,
      via: 'session',
      sessionId: w.s.id,
    });
  });

  it('takes an API token from Authorization: Bearer, capped at the token role', async () => {
    const w = await member();
    const k = await createApiToken(deps, w.t.id, { name: 'ci', member: w.m.id, role: 'auditor' });
    expect(await requestPrincipal(request({ authorization: `Bearer ${k.token}` }), w.context)).toEqual({
      tenantId: w.t.id,
      memberId: w.m.id,
      email: w.m.email,
      role: 'auditor',
      via: 'api_token',
    });
    expect(await requestPrincipal(request({ authorization: `bearer ${k.token}` }), w.context)).toMatchObject({
      via: 'api_token',
    });
    await deactivateMember(deps, w.t.id, { memberId: w.m.id });
    expect(await requestPrincipal(request({ authorization: `Bearer ${k.token}` }), w.context)).toBeNull();
  });

  it('never falls back to the cookie when an Authorization header is present (the CSRF exemption relies on it)', async () => {
    const w = await member();
    for (const authorization of ['Bearer bfy_forged', 'Bearer not.a.jwt', 'Basic dXNlcjpwYXNz', 'Bearer', '']) {
      expect(await requestPrincipal(request({ authorization, cookie: w.cookie }), w.context), authorization).toBeNull();
    }
  });
});
