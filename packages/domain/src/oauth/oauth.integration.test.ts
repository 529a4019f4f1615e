import { createHash, randomBytes } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { revokeAllCredentials } from '../credentials/revoke-all-credentials.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { checkAccessGrant } from './check-access-grant.ts';
import { issueAuthorizationCode } from './issue-authorization-code.ts';
import { redeemAuthorizationCode } from './redeem-authorization-code.ts';
import { revokeRefreshToken } from './revoke-refresh-token.ts';
import { rotateRefreshToken } from './rotate-refresh-token.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const CLIENT = 'butterfly-extension';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function signedIn(role: 'admin' | 'read_only' = 'admin') {
  const t = await seedTenant(deps);
  const m = await seedMember(deps, t.id, role);
  const session = { ...deps, actor: { ...memberActor(t.id, m), via: 'session' as const } };
  const p = pkce();
  const code = async (challenge = p.challenge) =>
    (await issueAuthorizationCode(session, { clientId: CLIENT, redirectUri: REDIRECT, codeChallenge: challenge })).code;
  const redeem = (c: string, verifier = p.verifier, more: Partial<{ clientId: string; redirectUri: string }> = {}) =>
    redeemAuthorizationCode(deps, {
      code: c,
      clientId: CLIENT,
      redirectUri: REDIRECT,
      codeVerifier: verifier,
      ...more,
    });
  return { t, m, p, code, redeem };
}

const claimsOf = (g: Awaited<ReturnType<typeof redeemAuthorizationCode>>['grant']) => ({
  tenantId: g.tenantId,
  memberId: g.memberId,
  role: g.role,
  tokenEpoch: g.tokenEpoch,
  familyId: g.familyId,
});

describe('authorization codes', () => {
  it('are exchanged once, with the right verifier, client and redirect URI', async () => {
    const w = await signedIn();
    const ok = await w.redeem(await w.code());
    expect(ok.refreshToken).toMatch(/^bfyr_/);
    expect(ok.grant).toMatchObject({
      memberId: w.m.id,
      tenantId: w.t.id,
      role: 'admin',
      tokenEpoch: 0,
      clientId: CLIENT,
    });
    expect(await checkAccessGrant(deps, claimsOf(ok.grant))).toMatchObject({ memberId: w.m.id, role: 'admin' });

    for (const attempt of [
      (c: string) => w.redeem(c, pkce().verifier),
      (c: string) => w.redeem(c, w.p.verifier, { clientId: 'other-client' }),
      (c: string) => w.redeem(c, w.p.verifier, { redirectUri: `${REDIRECT}x` }),
    ]) {
      const c = await w.code();
      await expect(attempt(c)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      // Burnt by the failed attempt: the right verifier is too late now.
      await expect(w.redeem(c)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    await expect(w.redeem(await w.code(), 'short')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('replayed, revoke the tokens minted from the first exchange', async () => {
    const w = await signedIn();
    const c = await w.code();
    const first = await w.redeem(c);
    await expect(w.redeem(c)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await checkAccessGrant(deps, claimsOf(first.grant))).toBeNull();
    await expect(
      rotateRefreshToken(deps, { refreshToken: first.refreshToken, clientId: CLIENT }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('expire after a minute, and die with a revocation between issue and exchange', async () => {
    const w = await signedIn();
    const c = await w.code();
    await expect(
      redeemAuthorizationCode(
        { ...deps, clock: () => new Date(Date.now() + 61_000) },
        { code: c, clientId: CLIENT, redirectUri: REDIRECT, codeVerifier: w.p.verifier },
      ),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const d = await w.code();
    await db
      .transaction()
      .execute((trx) =>
        revokeAllCredentials({ ...deps, db: trx }, { tenantId: w.t.id, memberId: w.m.id, reason: 'test' }),
      );
    await expect(w.redeem(d)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('refresh tokens', () => {
  it('rotate on use; a reused one revokes the whole family and its access tokens', async () => {
    const w = await signedIn();
    const start = await w.redeem(await w.code());
    const second = await rotateRefreshToken(deps, { refreshToken: start.refreshToken, clientId: CLIENT });
    expect(second.refreshToken).not.toBe(start.refreshToken);
    expect(second.grant.familyId).toBe(start.grant.familyId);
    const third = await rotateRefreshToken(deps, { refreshToken: second.refreshToken, clientId: CLIENT });
    expect(await checkAccessGrant(deps, claimsOf(third.grant))).not.toBeNull();

    await expect(
      rotateRefreshToken(deps, { refreshToken: start.refreshToken, clientId: CLIENT }),
    ).rejects.toMatchObject({ message: /reused/ });
    await expect(
      rotateRefreshToken(deps, { refreshToken: third.refreshToken, clientId: CLIENT }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await checkAccessGrant(deps, claimsOf(third.grant))).toBeNull();
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', w.t.id)
      .where('action', '=', 'oauth.refresh_token_reused')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('two rotations of one token at once: one wins, the other is a reuse', async () => {
    const w = await signedIn();
    const start = await w.redeem(await w.code());
    const results = await Promise.allSettled(
      [0, 1].map(() => rotateRefreshToken(deps, { refreshToken: start.refreshToken, clientId: CLIENT })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = (
      results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<
        Awaited<ReturnType<typeof rotateRefreshToken>>
      >
    ).value;
    expect(await checkAccessGrant(deps, claimsOf(winner.grant))).toBeNull();
  });

  it('are revoked per family (RFC 7009), silently for unknown tokens and other clients', async () => {
    const w = await signedIn();
    const a = await w.redeem(await w.code());
    const b = await w.redeem(await w.code());
    expect(await revokeRefreshToken(deps, { token: a.refreshToken, clientId: 'other' })).toEqual({ revoked: false });
    expect(await revokeRefreshToken(deps, { token: 'bfyr_unknown', clientId: CLIENT })).toEqual({ revoked: false });
    expect(await revokeRefreshToken(deps, { token: a.refreshToken, clientId: CLIENT })).toEqual({ revoked: true });
    expect(await checkAccessGrant(deps, claimsOf(a.grant))).toBeNull();
    expect(await checkAccessGrant(deps, claimsOf(b.grant))).not.toBeNull();
  });

  it('all end, and access tokens fail their epoch check, when every credential is revoked', async () => {
    const w = await signedIn();
    const a = await w.redeem(await w.code());
    await db
      .transaction()
      .execute((trx) =>
        revokeAllCredentials({ ...deps, db: trx }, { tenantId: w.t.id, memberId: w.m.id, reason: 'test' }),
      );
    expect(await checkAccessGrant(deps, claimsOf(a.grant))).toBeNull();
    // Even with a family still alive, a stale epoch is refused.
    const b = await w.redeem(await w.code());
    expect(await checkAccessGrant(deps, { ...claimsOf(b.grant), tokenEpoch: b.grant.tokenEpoch - 1 })).toBeNull();
    await expect(rotateRefreshToken(deps, { refreshToken: a.refreshToken, clientId: CLIENT })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('codes are only issued to browser sessions', async () => {
    const w = await signedIn();
    const viaToken = { ...deps, actor: { ...memberActor(w.t.id, w.m), via: 'api_token' as const } };
    await expect(
      issueAuthorizationCode(viaToken, { clientId: CLIENT, redirectUri: REDIRECT, codeChallenge: w.p.challenge }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
