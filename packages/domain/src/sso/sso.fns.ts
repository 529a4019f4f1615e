import { z } from 'zod';
import { normalizeDomain } from '../tenants/tenants.fns.ts';

/** An OIDC issuer: an absolute http(s) URL without query or fragment, stored without a trailing slash. */
export const ZIssuer = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  // zod runs the refinement even after the URL check failed: only look into what parses.
  .refine((u) => !URL.canParse(u) || (!new URL(u).search && !new URL(u).hash), 'must not carry a query or fragment')
  .transform((u) => u.replace(/\/+$/, ''));

/** The domain part of an email, normalised as stored (lower-case ASCII). */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  return at > 0 ? normalizeDomain(email.slice(at + 1)) : undefined;
}

export const VERIFICATION_PREFIX = 'butterfly-verification=';
export const verificationRecord = (token: string) => `${VERIFICATION_PREFIX}${token}`;
