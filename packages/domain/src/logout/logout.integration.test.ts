import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../api-tokens/create-api-token.ts';
import { authenticateApiToken } from '../api-tokens/authenticate-api-token.ts';
import { createSession } from '../sessions/create-session.ts';
import { resolveSession } from '../sessions/resolve-session.ts';
import { setSsoSettings } from '../sso/set-sso-settings.ts';
import { seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { backchannelLogout } from './backchannel-logout.ts';
import { findLogoutTarget } from './find-logout-target.ts';
import { recordLogoutJti } from './record-logout-jti.ts';
import { universalLogout } from './universal-logout.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const ISSUER = 'https://acme.okta.example';

async function world() {
  const t = await seedTenant(deps);
  await setSsoSettings(deps, t.id, { issuer: ISSUER, clientId: 'bfy-client', clientSecret: 'secret' });
  const m = await seedMember(deps, t.id, 'admin');
  await db.updateTable('members').set({ idp_subject: '00u-sub-1' }).where('id', '=', m.id).execute();
  const session = (sid: string) =>
    db
      .transaction()
      .execute((trx) =>
        createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso', idpSessionId: sid }),
      );
  return { t, m, session };
}

describe('logout receivers (domain)', () => {
  it('find the tenant and its IdP, or nothing', async () => {
    const w = await world();
    expect(await findLogoutTarget(deps, w.t.slug)).toEqual({
      tenantId: w.t.id,
      slug: w.t.slug,
      provider: 'oidc',
      issuer: ISSUER,
      clientId: 'bfy-client',
    });
    expect(await findLogoutTarget(deps, 'no-such-tenant')).toBeNull();
    const bare = await seedTenant(deps);
    expect(await findLogoutTarget(deps, bare.slug)).toBeNull();
  });

  it('remember jtis until they expire', async () => {
    const w = await world();
    const jti = { tenantId: w.t.id, issuer: ISSUER, jti: 'j-1', expiresAt: new Date(Date.now() + 60_000) };
    expect(await recordLogoutJti(deps, jti)).toBe(true);
    expect(await recordLogoutJti(deps, jti)).toBe(false);
    expect(await recordLogoutJti(deps, { ...jti, issuer: 'https://other.example' })).toBe(true);
    expect(
      await recordLogoutJti({ ...deps, clock: () => new Date(Date.now() + 120_000) }, { ...jti, jti: 'j-2' }),
    ).toBe(true);
    expect(await db.selectFrom('logout_token_jtis').select('jti').where('tenant_id', '=', w.t.id).execute()).toEqual([
      { jti: 'j-2' },
    ]);
  });

  it('back-channel logout with sid ends that session only', async () => {
    const w = await world();
    const [a, b] = [await w.session('sid-a'), await w.session('sid-b')];
    expect(await backchannelLogout(deps, w.t.id, { sid: 'sid-a' })).toEqual({ scope: 'idp_session', sessionsEnded: 1 });
    expect(await resolveSession(deps, a.raw)).toBeNull();
    expect(await resolveSession(deps, b.raw)).not.toBeNull();
    // sid with a sub that is not the session's owner ends nothing.
    expect(await backchannelLogout(deps, w.t.id, { sid: 'sid-b', sub: 'someone-else' })).toMatchObject({
      sessionsEnded: 0,
    });
  });

  it('back-channel logout with sub ends every credential of the person', async () => {
    const w = await world();
    const s = await w.session('sid-c');
    const k = await createApiToken(deps, w.t.id, { name: 'k', member: w.m.id });
    expect(await backchannelLogout(deps, w.t.id, { sub: '00u-sub-1' })).toEqual({ scope: 'subject', sessionsEnded: 1 });
    expect(await resolveSession(deps, s.raw)).toBeNull();
    expect(await authenticateApiToken(deps, k.token)).toBeNull();
    expect(await backchannelLogout(deps, w.t.id, { sub: 'unknown' })).toEqual({ scope: 'subject', sessionsEnded: 0 });
  });

  it('Universal Logout by email or iss_sub revokes everything; unknown people are NOT_FOUND', async () => {
    const w = await world();
    const target = { tenantId: w.t.id, issuer: ISSUER };
    const s1 = await w.session('x');
    const r = await universalLogout(deps, target, { format: 'email', email: w.m.email.toUpperCase().toLowerCase() });
    expect(r).toMatchObject({ memberId: w.m.id, sessions: 1, tokenEpoch: 1 });
    expect(await resolveSession(deps, s1.raw)).toBeNull();
    const s2 = await w.session('y');
    expect(
      await universalLogout(deps, target, { format: 'iss_sub', iss: `${ISSUER}/`, sub: '00u-sub-1' }),
    ).toMatchObject({ sessions: 1, tokenEpoch: 2 });
    expect(await resolveSession(deps, s2.raw)).toBeNull();
    await expect(
      universalLogout(deps, target, { format: 'iss_sub', iss: 'https://other.example', sub: '00u-sub-1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      universalLogout(deps, target, { format: 'email', email: 'nobody@example.test' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const actions = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', w.t.id)
      .where('action', '=', 'member.credentials_revoked')
      .execute();
    expect(actions.map((a) => (a.data as { reason: string }).reason)).toEqual(['universal_logout', 'universal_logout']);
  });
});
