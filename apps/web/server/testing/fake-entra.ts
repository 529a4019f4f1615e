import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair } from 'jose';

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(): Promise<Key> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(6).toString('hex');
  return {
    kid,
    privateKey: pair.privateKey,
    jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/**
 * A local stand-in for the Microsoft identity platform's v2.0 endpoints of one directory, for the
 * relying party's integration tests (apps/entra-sim is the e2e's): tenant-scoped discovery, a JWKS
 * of two keys that can rotate (counting its fetches), a token endpoint that checks client
 * authentication and PKCE and hands back the ID token the test arranged, and the `common` metadata
 * with its `{tenantid}` issuer placeholder. Tokens are signed with whatever claims a test wants,
 * including those real Entra would sign for another directory (same keys for every directory).
 */
export async function startFakeEntra(opts: { clientId?: string; clientSecret?: string } = {}) {
  const clientId = opts.clientId ?? randomUUID();
  const clientSecret = opts.clientSecret ?? 'entra-secret';
  const tid = randomUUID();
  let keys: Key[] = [await newKey(), await newKey()];
  let jwksFetches = 0;
  /** `otherTenant`: a code another directory issued, which this token endpoint refuses (AADSTS700005). */
  const codes = new Map<string, { challenge: string; idToken: string; otherTenant?: boolean }>();

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const m = /^\/([^/]+)\/(.*)$/.exec(path);
    const [dir, rest] = [m?.[1] ?? '', m?.[2] ?? ''];
    if (rest === 'v2.0/.well-known/openid-configuration' && (dir === tid || dir === 'common'))
      return json(200, metadataFor(dir === 'common' ? '{tenantid}' : tid, dir));
    if (dir !== tid) return json(400, { error: 'invalid_tenant', error_description: 'AADSTS90002: Tenant not found.' });
    if (rest === 'discovery/v2.0/keys') {
      jwksFetches++;
      return json(200, { keys: keys.map((k) => k.jwk) });
    }
    if (rest === 'oauth2/v2.0/token' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      if (req.headers.authorization !== `Basic ${basic}`)
        return json(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret.' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
        return json(400, { error: 'invalid_grant' });
      if (grant.otherTenant)
        return json(400, {
          error: 'invalid_grant',
          error_description:
            'AADSTS700005: Provided Authorization Code is intended to use against other tenant, thus rejected.',
          error_codes: [700005],
        });
      return json(200, { token_type: 'Bearer', expires_in: 3600, access_token: 'at', id_token: grant.idToken });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${authority}/${tid}/v2.0`;

  function metadataFor(issuerTid: string, dir: string) {
    const base = `${authority}/${dir}`;
    return {
      issuer: `${authority}/${issuerTid}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'code id_token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  /**
   * Signs a v2.0 ID token for this directory (override any claim to break it). `key`: which of the
   * published keys signs (0 or 1), or a key not (yet) published.
   */
  async function idToken(claims: JWTPayload, o: { key?: Key | 0 | 1 } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const key = typeof o.key === 'object' ? o.key : keys[o.key ?? 0]!;
    return new SignJWT({
      ver: '2.0',
      iss: issuer,
      aud: clientId,
      tid,
      oid: randomUUID(),
      sub: randomBytes(16).toString('base64url'),
      iat: now,
      nbf: now,
      exp: now + 3600,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }

  return {
    tid,
    authority,
    issuer,
    clientId,
    clientSecret,
    idToken,
    newKey,
    get jwksFetches() {
      return jwksFetches;
    },
    /** A key roll: the oldest key leaves the JWKS and `next` joins it. */
    rotate(next: Key) {
      keys = [keys[1]!, next];
    },
    issueCode(challenge: string, token: string, o: { otherTenant?: boolean } = {}) {
      const code = randomBytes(8).toString('hex');
      codes.set(code, { challenge, idToken: token, otherTenant: o.otherTenant });
      return code;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
export type FakeEntra = Awaited<ReturnType<typeof startFakeEntra>>;

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (d) => (s += d));
    req.on('end', () => resolve(s));
  });
}
