import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../permissions/matrix.ts';

export const CODE_PREFIX = 'bfyc_';
export const REFRESH_TOKEN_PREFIX = 'bfyr_';
/** A code is exchanged within seconds of the redirect; a minute leaves room for a slow extension. */
export const CODE_TTL_MS = 60_000;
/** A refresh token unused for 30 days ends its family; each use starts a new 30 days. */
export const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** RFC 7636 4.1: 43–128 characters of the unreserved set. */
export const ZCodeVerifier = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be 43-128 characters of [A-Za-z0-9._~-]');
/** An S256 challenge is the base64url SHA-256 of the verifier: exactly 43 characters. */
export const ZCodeChallenge = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256 (S256)');

/** RFC 7636 4.6, compared in constant time. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/**
 * What an access token is minted from: the member and tenant, the role it carries, the member's
 * token epoch (checked on every request) and the refresh-token family it belongs to (so revoking
 * the family ends its access tokens too).
 */
export interface AccessGrant {
  tenantId: string;
  memberId: string;
  email: string;
  role: Role;
  tokenEpoch: number;
  familyId: string;
  clientId: string;
}

/** The grant of a member's row (with its `member_id`, `tenant_id`, `client_id`, email and role) for one refresh-token family. */
export function accessGrantOf(
  row: { tenant_id: string; member_id: string; email: string; role: string; client_id: string },
  o: { tokenEpoch: number; familyId: string },
): AccessGrant {
  return {
    tenantId: row.tenant_id,
    memberId: row.member_id,
    email: row.email,
    role: row.role as Role,
    tokenEpoch: o.tokenEpoch,
    familyId: o.familyId,
    clientId: row.client_id,
  };
}
