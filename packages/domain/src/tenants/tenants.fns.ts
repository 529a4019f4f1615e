import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { z } from 'zod';

export const ZTenantSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be 1-40 lower-case letters, digits or inner hyphens');

/**
 * A domain as stored and compared: lower-case, IDN in its ASCII (punycode) form, no trailing dot.
 * Returns undefined for anything that is not a plausible DNS name with at least two labels.
 */
export function normalizeDomain(input: string): string | undefined {
  const ascii = domainToASCII(input.trim().replace(/\.$/, '').toLowerCase());
  if (!ascii || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2) return undefined;
  const ok = labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
  return ok ? ascii : undefined;
}

export const ZDomain = z.string().transform((v, ctx) => {
  const d = normalizeDomain(v);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a valid domain name` });
    return z.NEVER;
  }
  return d;
});

/** Published in a DNS TXT record as `butterfly-verification=<token>`; proves control, not a secret. */
export const newVerificationToken = () => randomBytes(16).toString('hex');
