import { type JWK, SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { IdpJwtError, verifyIdpJwt } from './idp-jwt.server.ts';

const issuer = 'https://acme.okta.example';
const audience = '0oa-butterfly';
const signer = await generateKeyPair('ES256', { extractable: true });
const jwk: JWK = { ...(await exportJWK(signer.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
const keys = createLocalJWKSet({ keys: [jwk] });
const now = Math.floor(Date.now() / 1000);

const token = (typ?: string) =>
  new SignJWT({ iss: issuer, aud: audience, jti: 'j1', iat: now, exp: now + 60 })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', ...(typ ? { typ } : {}) })
    .sign(signer.privateKey);
const verify = async (t: string, typ?: string | readonly string[]) =>
  verifyIdpJwt(t, { keys, issuer, audience, typ, maxTokenAge: 300, requiredClaims: ['jti'] });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e) => (e instanceof IdpJwtError ? e.refusal : `unexpected ${String(e)}`),
  );

describe('verifyIdpJwt', () => {
  it('returns the header and claims of a token the issuer signed', async () => {
    const { header, claims } = await verify(await token('logout+jwt'), ['logout+jwt', 'jwt']);
    expect(header.kid).toBe('k1');
    expect(claims.jti).toBe('j1');
  });

  it('refuses what is not a JWT, and an unsigned token before any key is looked at', async () => {
    expect(await refusal(verify('garbage'))).toBe('not-a-jwt');
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expect(await refusal(verify(`${b64({ alg: 'none' })}.${b64({ iss: issuer })}.`))).toBe('algorithm');
  });

  it('with a list of typs, accepts a token without one and refuses another typ', async () => {
    expect(await refusal(verify(await token(), ['logout+jwt', 'jwt']))).toBe('accepted');
    expect(await refusal(verify(await token('at+jwt'), ['logout+jwt', 'jwt']))).toBe('typ');
  });

  it('with one typ, requires exactly it', async () => {
    expect(await refusal(verify(await token(), 'global-token-revocation+jwt'))).toBe('verify');
    expect(await refusal(verify(await token('global-token-revocation+jwt'), 'global-token-revocation+jwt'))).toBe(
      'accepted',
    );
  });
});
