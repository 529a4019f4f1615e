import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { authenticateApiToken, createApiToken } from '@butterfly/domain/api-tokens';
import { hashSecret } from '@butterfly/domain/credentials';
import { issueAuthorizationCode, redeemAuthorizationCode, rotateRefreshToken } from '@butterfly/domain/oauth';
import { createSession, resolveSession } from '@butterfly/domain/sessions';
import { setSsoSettings } from '@butterfly/domain/sso';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { type JWTPayload, SignJWT, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeIdp } from '../../server/testing/fake-idp.ts';
import { TEST_APP_URL, testContext } from '../../server/testing/web-context.ts';
import { bearerPrincipal } from '../auth/bearer.server.ts';
import { UNIVERSAL_LOGOUT_TYP, receiveUniversalLogout } from './universal.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const idp = await startFakeIdp();
const otherIdp = await startFakeIdp({ path: '/other' });
afterAll(() => Promise.all([idp.close(), otherIdp.close()]));
const context = testContext(db, deps.keyring);
const foreignKey = await generateKeyPair('RS256');

/** A member holding one of each credential: a session, an API token, a refresh token and an access token. */
async function world() {
  const t = await seedTenant(deps);
  await setSsoSettings(deps, t.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
  const m = await seedMember(deps, t.id, 'admin', `${randomUUID().slice(0, 8)}@ul.test`);
  const sub = `00u${randomUUID().slice(0, 8)}`;
  await db.updateTable('members').set({ idp_subject: sub }).where('id', '=', m.id).execute();
  const session = await db
    .transaction()
    .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso' }));
  const apiToken = (await createApiToken(deps, t.id, { name: 'k', member: m.id })).token;
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${TEST_APP_URL}/oauth/handoff`;
  const { code } = await issueAuthorizationCode(
    {
      ...deps,
      actor: { kind: 'member', tenantId: t.id, memberId: m.id, role: m.role, label: m.email, via: 'session' },
    },
    {
      clientId: 'butterfly-extension',
      redirectUri,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    },
  );
  const oauth = await redeemAuthorizationCode(deps, {
    code,
    clientId: 'butterfly-extension',
    redirectUri,
    codeVerifier: verifier,
  });
  const access = (await context.services.accessTokens.mint(oauth.grant)).token;
  const url = `${TEST_APP_URL}/sso/${t.slug}/universal-logout`;
  return { t, m, sub, session, apiToken, refreshToken: oauth.refreshToken, access, url };
}
type World = Awaited<ReturnType<typeof world>>;

async function credentialsAlive(w: World) {
  return {
    session: (await resolveSession(deps, w.session.raw)) !== null,
    apiToken: (await authenticateApiToken(deps, w.apiToken)) !== null,
    accessToken:
      (await bearerPrincipal(`Bearer ${w.access}`, {
        db,
        clock: () => new Date(),
        accessTokens: context.services.accessTokens,
      })) !== null,
    // Looked up rather than rotated, so checking does not use the token up.
    refreshToken:
      (await db
        .selectFrom('refresh_tokens')
        .select('id')
        .where('token_hash', '=', hashSecret(w.refreshToken))
        .where('used_at', 'is', null)
        .executeTakeFirst()) !== undefined,
  };
}

/** Okta's JWT: signed by the org, typ global-token-revocation+jwt, aud the endpoint URL, a short exp. */
function oktaJwt(w: World, claims: JWTPayload = {}, o: { typ?: string; key?: CryptoKey; issuer?: typeof idp } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const signer = o.issuer ?? idp;
  return new SignJWT({ iss: signer.issuer, aud: w.url, iat: now, exp: now + 60, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: o.typ ?? UNIVERSAL_LOGOUT_TYP })
    .sign(o.key ?? signer.keys.privateKey);
}

function send(w: World, body: unknown, authorization?: string) {
  return receiveUniversalLogout(
    new Request(w.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    context,
    w.t.slug,
  );
}

describe('POST /sso/<tenant>/universal-logout', () => {
  it.each([
    ['sub_id', 'email'],
    ['subject', 'email'],
    ['sub_id', 'iss_sub'],
    ['subject', 'iss_sub'],
  ] as const)('answers 204 to {"%s": format %s} and ends every credential', async (shape, format) => {
    const w = await world();
    expect(await credentialsAlive(w)).toEqual({ session: true, apiToken: true, accessToken: true, refreshToken: true });
    const id =
      format === 'email' ? { format, email: w.m.email.toUpperCase() } : { format, iss: idp.issuer, sub: w.sub };
    const res = await send(w, { [shape]: id }, `Bearer ${await oktaJwt(w)}`);
    expect(res.status).toBe(204);
    expect(await credentialsAlive(w)).toEqual({
      session: false,
      apiToken: false,
      accessToken: false,
      refreshToken: false,
    });
    await expect(
      rotateRefreshToken(deps, { refreshToken: w.refreshToken, clientId: 'butterfly-extension' }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers 401 without a JWT or with a bad one, and ends nothing', async () => {
    const w = await world();
    const body = { sub_id: { format: 'email', email: w.m.email } };
    const now = Math.floor(Date.now() / 1000);
    for (const auth of [
      undefined,
      'Bearer not-a-jwt',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer ${await oktaJwt(w, {}, { key: foreignKey.privateKey })}`,
      `Bearer ${await oktaJwt(w, {}, { typ: 'JWT' })}`,
      `Bearer ${await oktaJwt(w, { aud: `${TEST_APP_URL}/sso/other/universal-logout` })}`,
      `Bearer ${await oktaJwt(w, { iat: now - 900, exp: now - 600 })}`,
      `Bearer ${await oktaJwt(w, { exp: now + 3600 })}`,
    ]) {
      expect((await send(w, body, auth)).status, auth ?? 'no header').toBe(401);
    }
    expect((await credentialsAlive(w)).session).toBe(true);
  });

  it('refuses the same token twice (jti replay), and one without a jti', async () => {
    const w = await world();
    const body = { sub_id: { format: 'email', email: w.m.email } };
    const token = await oktaJwt(w);
    expect((await send(w, body, `Bearer ${token}`)).status).toBe(204);
    // The person signs in again; a replay of the captured token must not log them out.
    const again = await db
      .transaction()
      .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: w.t.id, memberId: w.m.id, authMethod: 'sso' }));
    const replay = await send(w, body, `Bearer ${token}`);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: 'invalid_token' });
    expect((await send(w, body, `Bearer ${await oktaJwt(w, { jti: undefined })}`)).status).toBe(401);
    expect(await resolveSession(deps, again.raw)).not.toBeNull();
  });

  it('refuses a token issued more than five minutes ago or in the future', async () => {
    const w = await world();
    const body = { sub_id: { format: 'email', email: w.m.email } };
    const now = Math.floor(Date.now() / 1000);
    for (const iat of [now - 400, now + 400]) {
      expect(
        (await send(w, body, `Bearer ${await oktaJwt(w, { iat, exp: now + 120 })}`)).status,
        `iat ${iat - now}`,
      ).toBe(401);
    }
    expect((await credentialsAlive(w)).session).toBe(true);
  });

  it('answers 403 to an issuer that is not this tenant’s, before fetching its keys', async () => {
    const w = await world();
    const res = await send(
      w,
      { sub_id: { format: 'email', email: w.m.email } },
      `Bearer ${await oktaJwt(w, {}, { issuer: otherIdp })}`,
    );
    expect(res.status).toBe(403);
    const unknownTenant = await receiveUniversalLogout(
      new Request(`${TEST_APP_URL}/sso/nope/universal-logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await oktaJwt(w)}` },
        body: '{}',
      }),
      context,
      'nope',
    );
    expect(unknownTenant.status).toBe(403);
  });

  it('answers 400 to a malformed body or an unknown subject format', async () => {
    const w = await world();
    for (const body of [
      '{not json',
      {},
      { sub_id: { format: 'phone_number', phone_number: '+1' } },
      { sub_id: { format: 'email' } },
      { sub_id: { format: 'email', email: w.m.email }, subject: {} },
      { user: w.m.email },
    ]) {
      expect((await send(w, body, `Bearer ${await oktaJwt(w)}`)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('answers 404 to a person Butterfly does not know, or a subject of another issuer', async () => {
    const w = await world();
    expect(
      (await send(w, { sub_id: { format: 'email', email: 'nobody@ul.test' } }, `Bearer ${await oktaJwt(w)}`)).status,
    ).toBe(404);
    expect(
      (await send(w, { sub_id: { format: 'iss_sub', iss: otherIdp.issuer, sub: w.sub } }, `Bearer ${await oktaJwt(w)}`))
        .status,
    ).toBe(404);
    expect((await credentialsAlive(w)).session).toBe(true);
  });
});
