import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { createApiToken, authenticateApiToken } from '@butterfly/domain/api-tokens';
import { createSession, resolveSession } from '@butterfly/domain/sessions';
import { setSsoSettings } from '@butterfly/domain/sso';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { type JWTPayload, SignJWT, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeIdp } from '../../server/testing/fake-idp.ts';
import { TEST_APP_URL, testContext } from '../../server/testing/web-context.ts';
import { authCookies } from '../auth/cookies.server.ts';
import { BACKCHANNEL_LOGOUT_EVENT } from './logout-token.server.ts';
import { receiveBackchannelLogout } from './backchannel.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const idp = await startFakeIdp();
afterAll(() => idp.close());
const context = testContext(db, deps.keyring);
const foreignKey = await generateKeyPair('RS256');

async function world() {
  const t = await seedTenant(deps);
  await setSsoSettings(deps, t.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
  const m = await seedMember(deps, t.id, 'admin');
  const sub = `00u${randomUUID().slice(0, 8)}`;
  await db.updateTable('members').set({ idp_subject: sub }).where('id', '=', m.id).execute();
  const session = (sid: string) =>
    db
      .transaction()
      .execute((trx) =>
        createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso', idpSessionId: sid }),
      );
  return { t, m, sub, session };
}

/** A logout token as an honest IdP signs it; each test breaks one thing. */
function logoutToken(
  claims: JWTPayload,
  o: { alg?: string; typ?: string; key?: CryptoKey | Uint8Array; kid?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: idp.issuer,
    aud: idp.clientId,
    iat: now,
    exp: now + 120,
    jti: randomUUID(),
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    ...claims,
  })
    .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? 'key-1', typ: o.typ ?? 'logout+jwt' })
    .sign(o.key ?? idp.keys.privateKey);
}

const unsigned = (claims: JWTPayload) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'logout+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

function send(slug: string, body: string | undefined, headers: Record<string, string> = {}) {
  const form = body === undefined ? '' : new URLSearchParams({ logout_token: body }).toString();
  return receiveBackchannelLogout(
    new Request(`${TEST_APP_URL}/sso/${slug}/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: form,
    }),
    context,
    slug,
  );
}

describe('POST /sso/<tenant>/backchannel-logout', () => {
  it('ends the IdP session named by sid: 200, no-store', async () => {
    const w = await world();
    const [a, b] = [await w.session('sid-a'), await w.session('sid-b')];
    const res = await send(w.t.slug, await logoutToken({ sid: 'sid-a' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await resolveSession(deps, a.raw)).toBeNull();
    expect(await resolveSession(deps, b.raw)).not.toBeNull();
  });

  it('ends every credential of the person named by sub', async () => {
    const w = await world();
    const s = await w.session('sid-x');
    const k = await createApiToken(deps, w.t.id, { name: 'k', member: w.m.id });
    expect((await send(w.t.slug, await logoutToken({ sub: w.sub }))).status).toBe(200);
    expect(await resolveSession(deps, s.raw)).toBeNull();
    expect(await authenticateApiToken(deps, k.token)).toBeNull();
    expect(
      (await db.selectFrom('members').select('token_epoch').where('id', '=', w.m.id).executeTakeFirstOrThrow())
        .token_epoch,
    ).toBe(1);
  });

  const refusals: [string, () => Promise<string | undefined>][] = [
    [
      'alg none',
      async () =>
        unsigned({
          iss: idp.issuer,
          aud: idp.clientId,
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 60,
          jti: 'x',
          sid: 'sid-r',
          events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
        }),
    ],
    ['HS256 keyed with anything', () => logoutToken({ sid: 'sid-r' }, { alg: 'HS256', key: new Uint8Array(32) })],
    ['a nonce', () => logoutToken({ sid: 'sid-r', nonce: 'n-1' })],
    ['another audience', () => logoutToken({ sid: 'sid-r', aud: 'someone-else' })],
    ['another issuer', () => logoutToken({ sid: 'sid-r', iss: 'https://evil.example.com' })],
    ['no logout event', () => logoutToken({ sid: 'sid-r', events: { 'http://schemas.openid.net/event/other': {} } })],
    ['no events at all', () => logoutToken({ sid: 'sid-r', events: undefined })],
    ['neither sub nor sid', () => logoutToken({})],
    ['a key that is not the IdP’s', () => logoutToken({ sid: 'sid-r' }, { key: foreignKey.privateKey })],
    [
      'an expired token',
      () =>
        logoutToken({
          sid: 'sid-r',
          iat: Math.floor(Date.now() / 1000) - 900,
          exp: Math.floor(Date.now() / 1000) - 600,
        }),
    ],
    ['an ID token’s typ', () => logoutToken({ sid: 'sid-r' }, { typ: 'id_token+jwt' })],
    ['no jti', () => logoutToken({ sid: 'sid-r', jti: undefined })],
    ['not a JWT', async () => 'garbage'],
    ['no logout_token', async () => undefined],
  ];
  it.each(refusals)('answers 400 to %s, and ends nothing', async (_what, make) => {
    const w = await world();
    const s = await w.session('sid-r');
    const res = await send(w.t.slug, await make());
    expect(res.status).toBe(400);
    expect(await resolveSession(deps, s.raw)).not.toBeNull();
  });

  it('refuses a replayed jti', async () => {
    const w = await world();
    const token = await logoutToken({ sid: 'sid-replay' });
    expect((await send(w.t.slug, token)).status).toBe(200);
    const s = await w.session('sid-replay');
    expect((await send(w.t.slug, token)).status).toBe(400);
    expect(await resolveSession(deps, s.raw)).not.toBeNull();
  });

  it('refuses a token issued in the future or more than five minutes ago', async () => {
    const w = await world();
    const s = await w.session('sid-iat');
    const now = Math.floor(Date.now() / 1000);
    for (const iat of [now + 400, now - 400])
      expect(
        (await send(w.t.slug, await logoutToken({ sid: 'sid-iat', iat, exp: now + 120 }))).status,
        `iat ${iat - now}`,
      ).toBe(400);
    expect(await resolveSession(deps, s.raw)).not.toBeNull();
  });

  it("refuses tenants without SSO, other tenants' tokens, and never acts on the browser's cookie", async () => {
    const w = await world();
    const s = await w.session('sid-c');
    const cookie = (await authCookies(context.services).session.serialize(s.raw)).split(';')[0]!;
    expect((await send(w.t.slug, undefined, { cookie })).status).toBe(400);
    expect((await send('no-such-tenant', await logoutToken({ sid: 'sid-c' }))).status).toBe(400);
    const other = await seedTenant(deps);
    expect((await send(other.slug, await logoutToken({ sid: 'sid-c' }))).status).toBe(400);
    expect(await resolveSession(deps, s.raw)).not.toBeNull();
  });
});
