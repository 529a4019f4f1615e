import { type JWK, type JWTPayload, SignJWT, createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeySets } from '../../server/oidc/key-sets.ts';
import { createOutboundClient } from '@butterfly/outbound';
import { startFakeIdp } from '../../server/testing/fake-idp.ts';
import { IdTokenError, validateIdToken } from './id-token.server.ts';

const issuer = 'https://acme.okta.example';
const clientId = '0oa-butterfly';
const nonce = 'n-0S6_WzA2Mj';
const signer = await generateKeyPair('RS256', { extractable: true });
const stranger = await generateKeyPair('RS256', { extractable: true });
const jwk: JWK = { ...(await exportJWK(signer.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
const keys = createLocalJWKSet({ keys: [jwk] });
const now = Math.floor(Date.now() / 1000);

function token(claims: JWTPayload = {}, header: { alg?: string; kid?: string } = {}, key = signer.privateKey) {
  return new SignJWT({
    iss: issuer,
    aud: clientId,
    sub: '00u1',
    email: 'ann@acme.test',
    nonce,
    iat: now,
    exp: now + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header })
    .sign(key);
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const validate = (t: string, overrides: Partial<Parameters<typeof validateIdToken>[1]> = {}) =>
  validateIdToken(t, { issuer, clientId, nonce, keys, ...overrides });

describe('validateIdToken', () => {
  it('returns the identity of a valid token', async () => {
    const identity = await validate(
      await token({ given_name: 'Ann', family_name: 'Archer', name: 'Ann Archer', sid: 'sess-1' }),
    );
    expect(identity).toEqual({
      subject: '00u1',
      email: 'ann@acme.test',
      givenName: 'Ann',
      familyName: 'Archer',
      name: 'Ann Archer',
      idpSessionId: 'sess-1',
      emailVerified: false,
    });
  });

  it.each([
    ['a missing nonce', { nonce: undefined }, /carries no nonce/],
    ['a wrong nonce', { nonce: 'n-other' }, /nonce does not match/],
    ['a wrong issuer', { iss: 'https://evil.okta.example' }, /claim "iss"/],
    ['a wrong audience', { aud: 'another-client' }, /claim "aud"/],
    ['an expired token', { exp: now - 61 }, /expired/],
    ['a token issued in the future', { iat: now + 120, exp: now + 400 }, /claim "iat"/],
    ['a token issued too long ago', { iat: now - 600, exp: now + 300 }, /expired or is too old/],
    ['several audiences without us as azp', { aud: [clientId, 'other'], azp: 'other' }, /authorized party/],
    ['no subject', { sub: undefined }, /"sub"/],
    ['no email', { email: undefined }, /no email/],
  ])('refuses %s', async (_what, claims, message) => {
    await expect(validate(await token(claims))).rejects.toThrow(message);
  });

  it('tolerates up to 60 s of clock skew', async () => {
    await expect(validate(await token({ exp: now - 30 }))).resolves.toMatchObject({ subject: '00u1' });
    await expect(validate(await token(), { now: new Date((now - 50) * 1000) })).resolves.toBeTruthy();
  });

  it('refuses alg "none"', async () => {
    const unsigned = `${b64({ alg: 'none' })}.${b64({ iss: issuer, aud: clientId, sub: 'x', email: 'a@acme.test', nonce, iat: now, exp: now + 60 })}.`;
    await expect(validate(unsigned)).rejects.toThrow(/signed with none, which is not allowed/);
  });

  it('refuses HS256, even keyed with the public key (algorithm confusion)', async () => {
    const publicPem = new TextEncoder().encode(await exportSPKI(signer.publicKey));
    await expect(validate(await token({}, { alg: 'HS256' }, publicPem as never))).rejects.toThrow(
      /HS256, which is not allowed/,
    );
  });

  it('refuses a token signed by another key, under our kid or its own', async () => {
    await expect(validate(await token({}, {}, stranger.privateKey))).rejects.toThrow(/signature does not verify/);
    await expect(validate(await token({}, { kid: 'k-unknown' }, stranger.privateKey))).rejects.toThrow(/no key/);
  });

  it('refuses garbage', async () => {
    await expect(validate('not.a.jwt')).rejects.toBeInstanceOf(IdTokenError);
  });
});

describe('validateIdToken for Google (decision 063)', () => {
  const issuers = ['https://accounts.google.com', 'accounts.google.com'];
  const google = async (claims: JWTPayload) =>
    validate(
      await token({ iss: 'https://accounts.google.com', sub: '108234567890123456789', azp: clientId, ...claims }),
      { issuer: issuers, google: true },
    );

  it('accepts both issuer forms and passes hd and email_verified on, keyed on sub', async () => {
    expect(await google({ hd: 'acme.test', email_verified: true })).toMatchObject({
      subject: '108234567890123456789',
      email: 'ann@acme.test',
      emailVerified: true,
      google: { hd: 'acme.test' },
    });
    expect(await google({ iss: 'accounts.google.com', hd: 'acme.test' })).toMatchObject({
      emailVerified: false,
      google: { hd: 'acme.test' },
    });
  });

  it('passes a missing or non-string hd on as null, for the domain to refuse', async () => {
    expect((await google({ email_verified: true })).google).toEqual({ hd: null });
    expect((await google({ hd: ['acme.test'] })).google).toEqual({ hd: null });
  });

  it('refuses another issuer spelling, another azp and a token without email', async () => {
    await expect(google({ iss: 'http://accounts.google.com' })).rejects.toThrow(/claim "iss"/);
    await expect(google({ iss: 'https://accounts.google.com/' })).rejects.toThrow(/claim "iss"/);
    await expect(google({ azp: 'other.apps.googleusercontent.com' })).rejects.toThrow(/authorized party/);
    await expect(google({ email: undefined })).rejects.toThrow(/no email/);
  });
});

const idp = await startFakeIdp();
afterAll(() => idp.close());

describe('validateIdToken with the issuer JWKS', () => {
  it('fetches the JWKS again when a token names a new kid (key rotation)', async () => {
    const remote = createKeySets({ outbound: createOutboundClient({ allowPrivate: true }), cooldownMs: 0 }).forUri(
      `${idp.issuer}/keys`,
    );
    const expect_ = { issuer: idp.issuer, clientId: idp.clientId, nonce, keys: remote };
    await expect(validateIdToken(await idp.idToken({ nonce, email: 'ann@acme.test' }), expect_)).resolves.toBeTruthy();
    const rotated = await generateKeyPair('ES256', { extractable: true });
    idp.jwks.keys.push({ ...(await exportJWK(rotated.publicKey)), kid: 'key-2', alg: 'ES256', use: 'sig' });
    const fresh = await idp.idToken(
      { nonce, email: 'ann@acme.test' },
      { key: rotated.privateKey, alg: 'ES256', kid: 'key-2' },
    );
    await expect(validateIdToken(fresh, expect_)).resolves.toMatchObject({ email: 'ann@acme.test' });
  });
});
