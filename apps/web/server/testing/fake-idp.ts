import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair } from 'jose';

/**
 * A minimal OpenID Provider for unit tests of the relying party: discovery, JWKS, and a token
 * endpoint that checks client authentication and PKCE, then returns whatever ID token the test
 * arranged for the code (right or deliberately wrong). okta-sim is the real IdP of the e2e suite;
 * this one lets a test forge the tokens an honest IdP would never issue.
 */
export async function startFakeIdp(
  opts: {
    clientId?: string;
    clientSecret?: string;
    /** The issuer's path ('' for an issuer that is a bare origin, as Google's is). */
    path?: string;
    /** The JWKS answer's Cache-Control (Google's carries a max-age); none by default. */
    keysCacheControl?: string;
  } = {},
) {
  const clientId = opts.clientId ?? 'bfy-client';
  const clientSecret = opts.clientSecret ?? 'bfy-secret';
  const keys = await generateKeyPair('RS256', { extractable: true });
  const kid = 'key-1';
  const jwks: { keys: JWK[] } = { keys: [{ ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const codes = new Map<string, { challenge: string; idToken: string }>();
  const tokenRequests: URLSearchParams[] = [];
  let jwksFetches = 0;
  const metadata: Record<string, unknown> = {};

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.slice(base.length);
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/.well-known/openid-configuration') return json(200, metadata);
    if (path === '/keys') {
      jwksFetches++;
      if (opts.keysCacheControl) res.setHeader('cache-control', opts.keysCacheControl);
      return json(200, jwks);
    }
    if (path === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      tokenRequests.push(form);
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      if (req.headers.authorization !== `Basic ${basic}`) return json(401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
        return json(400, { error: 'invalid_grant' });
      return json(200, {
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: grant.idToken,
        scope: 'openid profile email',
      });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = opts.path ?? '/org';
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}`;
  Object.assign(metadata, {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/keys`,
    end_session_endpoint: `${issuer}/logout`,
    scopes_supported: ['openid', 'profile', 'email'],
    code_challenge_methods_supported: ['S256'],
  });

  /** Signs an ID token: by default a valid one for `nonce`; override claims, header or key to break it. */
  async function idToken(
    claims: JWTPayload & { nonce?: string },
    o: { key?: CryptoKey; alg?: string; kid?: string } = {},
  ) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, aud: clientId, sub: '00u-fake', iat: now, exp: now + 300, ...claims })
      .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? kid })
      .sign(o.key ?? keys.privateKey);
  }

  return {
    issuer,
    clientId,
    clientSecret,
    metadata,
    jwks,
    keys,
    tokenRequests,
    idToken,
    /** How often the JWKS was fetched. */
    get jwksFetches() {
      return jwksFetches;
    },
    /** What the authorize endpoint would do: remember the PKCE challenge, hand out a code. */
    issueCode(challenge: string, token: string) {
      const code = randomBytes(8).toString('hex');
      codes.set(code, { challenge, idToken: token });
      return code;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
export type FakeIdp = Awaited<ReturnType<typeof startFakeIdp>>;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (d) => (s += d));
    req.on('end', () => resolve(s));
  });
}
