import { randomBytes } from 'node:crypto';
import { type JWTPayload, exportJWK, generateKeyPair } from 'jose';
import { startFakeIdp } from './fake-idp.ts';

/**
 * A local stand-in for Google's OpenID provider, for the relying party's integration tests (decision
 * 063; google-sim will be the e2e's): the fake IdP served as a bare origin like
 * https://accounts.google.com, whose discovery has no `end_session_endpoint`, whose JWKS answers with
 * `Cache-Control: max-age` and can rotate, and whose tokens carry Google's claims (`sub` a numeric
 * account ID, `azp`, `email_verified`, `hd` for Workspace accounts only) under either issuer form.
 */
export async function startFakeGoogle(opts: { keysMaxAgeSeconds?: number } = {}) {
  const idp = await startFakeIdp({
    clientId: `${randomBytes(6).toString('hex')}.apps.googleusercontent.com`,
    clientSecret: 'GOCSPX-fake',
    path: '',
    keysCacheControl: `public, max-age=${opts.keysMaxAgeSeconds ?? 21_600}, must-revalidate, no-transform`,
  });
  delete idp.metadata.end_session_endpoint;
  idp.metadata.revocation_endpoint = `${idp.issuer}/revoke`;
  idp.metadata.claims_supported = ['aud', 'email', 'email_verified', 'exp', 'hd', 'iat', 'iss', 'name', 'sub'];
  /** The host form older Google tokens carry as `iss` (`accounts.google.com`). */
  const hostIssuer = idp.issuer.replace(/^https?:\/\//, '');
  let signing: { key?: CryptoKey; kid?: string } = {};

  return {
    ...idp,
    /** How often the JWKS was fetched (a getter: the spread above only copied its value then). */
    get jwksFetches() {
      return idp.jwksFetches;
    },
    hostIssuer,
    /** A fresh Google account ID: 21 digits, as Google's are. */
    newSub: () => `1${Array.from(randomBytes(20), (b) => b % 10).join('')}`,
    /**
     * A Google ID token for `email` (override any claim; `hd: undefined` for a consumer account).
     * `iss: 'host'` uses the issuer's host form.
     */
    async googleToken(claims: JWTPayload & { nonce?: string; email: string }, o: { iss?: 'url' | 'host' } = {}) {
      return idp.idToken(
        {
          iss: o.iss === 'host' ? hostIssuer : idp.issuer,
          azp: idp.clientId,
          email_verified: true,
          hd: claims.email.split('@')[1],
          ...claims,
        },
        signing,
      );
    },
    /** A key roll: the published key set is replaced by a new key, which signs from now on. */
    async rotate() {
      const pair = await generateKeyPair('RS256', { extractable: true });
      const kid = randomBytes(6).toString('hex');
      idp.jwks.keys.splice(0, idp.jwks.keys.length, {
        ...(await exportJWK(pair.publicKey)),
        kid,
        alg: 'RS256',
        use: 'sig',
      });
      signing = { key: pair.privateKey, kid };
    },
  };
}
export type FakeGoogle = Awaited<ReturnType<typeof startFakeGoogle>>;
