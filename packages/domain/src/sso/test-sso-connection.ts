import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { ZIssuer } from './sso.fns.ts';

/** One thing the probe looked at (discovery document, signing keys, ...), in words an admin reads. */
export interface TIssuerCheck {
  name: string;
  ok: boolean;
  detail: string;
}
export interface TIssuerProbeReport {
  ok: boolean;
  checks: TIssuerCheck[];
}

/**
 * Fetches an issuer's discovery document and JWKS and reports what it found. The domain does no
 * HTTP: the app injects the probe, which applies the outbound-address policy.
 */
export type IssuerProbe = (issuer: string) => Promise<TIssuerProbeReport>;

export const ZTestSsoConnectionInput = z.object({ issuer: ZIssuer.optional() });

/** "Test connection" on the SSO settings page: the issuer typed in (before saving), else the stored one. */
export async function testSsoConnection(
  deps: Deps & { probeIssuer?: IssuerProbe },
  tenantId: string,
  raw: z.input<typeof ZTestSsoConnectionInput> = {},
) {
  const input = parseInput(ZTestSsoConnectionInput, raw);
  await authorize(deps, tenantId, 'sso.manage');
  const stored = await deps.db
    .selectFrom('tenant_sso')
    .select('issuer')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const issuer = input.issuer ?? stored?.issuer;
  if (!issuer)
    throw new DomainError('VALIDATION', 'issuer: enter an issuer first', {
      fields: { issuer: 'enter an issuer first' },
    });
  if (!deps.probeIssuer) throw new DomainError('INTERNAL', 'No issuer probe configured');
  return { issuer, ...(await deps.probeIssuer(issuer)) };
}
