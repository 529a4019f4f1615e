import { createHash, createPrivateKey, createPublicKey, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { AccessGrant, AccessTokenClaims } from '@butterfly/domain/oauth';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';

/** Minutes, not hours: the epoch check makes revocation immediate anyway; this bounds a stolen token. */
export const ACCESS_TOKEN_TTL_SECONDS = 300;
/** RFC 9068's type, so an ID token or logout token can never pass for an access token. */
const TYP = 'at+jwt';
// PKCS#8 DER header of an Ed25519 private key, followed by the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The Ed25519 seed that signs access tokens, derived from the master key with its own HKDF label:
 * every web process derives the same key (no key table, nothing to distribute), it rotates with the
 * master key, and it cannot be confused with the cookie, audit or data keys derived from it.
 */
export function deriveAccessTokenSeed(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'butterfly access token signing v1', 32));
}

const ZClaims = z.object({
  sub: z.string(),
  tid: z.string(),
  role: z.enum(['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only']),
  tep: z.number().int(),
  fid: z.string(),
  client_id: z.string(),
});

/**
 * Mints and verifies Butterfly's access tokens (JWT, EdDSA). A token names the member, tenant, role,
 * token epoch and refresh family; `verify` checks only what the signature can prove (issuer,
 * audience, type, expiry). Whether the member may still use it is the domain's per-request check
 * (`checkAccessGrant`), which is what makes revocation effective before `exp`.
 */
export function createAccessTokens(opts: { issuer: string; seed?: Buffer; now?: () => Date }) {
  const seed = opts.seed ?? randomBytes(32);
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const kid = createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('base64url')
    .slice(0, 16);
  const audience = `${opts.issuer}/api`;
  const now = opts.now ?? (() => new Date());
  return {
    async mint(grant: AccessGrant): Promise<{ token: string; expiresIn: number }> {
      const iat = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({
        tid: grant.tenantId,
        role: grant.role,
        tep: grant.tokenEpoch,
        fid: grant.familyId,
        client_id: grant.clientId,
      })
        .setProtectedHeader({ alg: 'EdDSA', typ: TYP, kid })
        .setIssuer(opts.issuer)
        .setAudience(audience)
        .setSubject(grant.memberId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
        .sign(privateKey);
      return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
    },
    /** The claims of a token this server signed and that has not expired, else null. */
    async verify(token: string): Promise<(AccessTokenClaims & { clientId: string }) | null> {
      if (token.length > 2_000) return null;
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: opts.issuer,
          audience,
          typ: TYP,
          algorithms: ['EdDSA'],
          clockTolerance: 5,
          currentDate: now(),
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        const c = ZClaims.safeParse(payload);
        if (!c.success) return null;
        return {
          tenantId: c.data.tid,
          memberId: c.data.sub,
          role: c.data.role,
          tokenEpoch: c.data.tep,
          familyId: c.data.fid,
          clientId: c.data.client_id,
        };
      } catch {
        return null;
      }
    },
    /** Looks like one of ours (a JWT), without verifying: /oauth/revoke's token type detection. */
    looksLikeJwt: (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token),
  };
}
export type AccessTokens = ReturnType<typeof createAccessTokens>;
