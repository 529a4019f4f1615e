import { randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokens, deriveAccessTokenSeed } from './access-tokens.ts';

const seed = deriveAccessTokenSeed(Buffer.alloc(32, 1));
const grant = {
  tenantId: randomUUID(),
  memberId: randomUUID(),
  email: 'a@x.test',
  role: 'auditor' as const,
  tokenEpoch: 3,
  familyId: randomUUID(),
  clientId: 'butterfly-extension',
};

describe('access tokens', () => {
  it('are five-minute EdDSA at+jwt tokens naming member, tenant, role, epoch and family', async () => {
    const tokens = createAccessTokens({ issuer: 'https://bfy.test', seed });
    const { token, expiresIn } = await tokens.mint(grant);
    expect(expiresIn).toBe(300);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    const c = decodeJwt(token);
    expect(c.exp! - c.iat!).toBe(300);
    expect(await tokens.verify(token)).toEqual({
      tenantId: grant.tenantId,
      memberId: grant.memberId,
      role: 'auditor',
      tokenEpoch: 3,
      familyId: grant.familyId,
      clientId: grant.clientId,
    });
  });

  it('verify the same in every process derived from the same master key, and nowhere else', async () => {
    const { token } = await createAccessTokens({ issuer: 'https://bfy.test', seed }).mint(grant);
    expect(
      await createAccessTokens({ issuer: 'https://bfy.test', seed: deriveAccessTokenSeed(Buffer.alloc(32, 1)) }).verify(
        token,
      ),
    ).not.toBeNull();
    expect(
      await createAccessTokens({ issuer: 'https://bfy.test', seed: deriveAccessTokenSeed(Buffer.alloc(32, 2)) }).verify(
        token,
      ),
    ).toBeNull();
    expect(await createAccessTokens({ issuer: 'https://other.test', seed }).verify(token)).toBeNull();
  });

  it('refuse expired, tampered and foreign-typed tokens', async () => {
    let now = new Date();
    const tokens = createAccessTokens({ issuer: 'https://bfy.test', seed, now: () => now });
    const { token } = await tokens.mint(grant);
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: 'super_admin' })).toString('base64url');
    expect(await tokens.verify(`${h}.${forged}.${s}`)).toBeNull();
    expect(await tokens.verify(`${h}.${p}`)).toBeNull();
    now = new Date(now.getTime() + 306_000);
    expect(await tokens.verify(token)).toBeNull();
    // An unsigned token claiming the same fields is no token.
    const none = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${p}.`;
    expect(await tokens.verify(none)).toBeNull();
    // An HMAC token keyed with anything public is refused by algorithm.
    const hs = await new SignJWT(decodeJwt(token))
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new Uint8Array(32));
    expect(await tokens.verify(hs)).toBeNull();
  });
});
