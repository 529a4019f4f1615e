import { z } from 'zod';
import { GENESIS_HASH } from '../audit/audit.fns.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { ZName, parseInput } from '../validation.fns.ts';
import { ZDomain, ZTenantSlug, newVerificationToken } from './tenants.fns.ts';

export const ZCreateTenantInput = z.object({
  slug: ZTenantSlug,
  name: ZName,
  domains: z.array(ZDomain).max(50).default([]),
});
export type TCreateTenantInput = z.input<typeof ZCreateTenantInput>;

/** Creates a tenant with its data key, its audit chain and its (not yet verified) SSO domains. */
export async function createTenant(deps: Deps, raw: TCreateTenantInput) {
  if (deps.actor.kind !== 'operator' && deps.actor.kind !== 'system') {
    throw new DomainError('FORBIDDEN', 'Tenants are created by an operator');
  }
  const input = parseInput(ZCreateTenantInput, raw);
  const domains = [...new Set(input.domains)];
  try {
    return await inTransaction(deps.db, async (trx) => {
      const tenant = await trx
        .insertInto('tenants')
        .values({ slug: input.slug, name: input.name })
        .returning(['id', 'slug', 'name', 'created_at'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('tenant_keys')
        .values({ tenant_id: tenant.id, ...deps.keyring.newWrappedDataKey(tenant.id) })
        .execute();
      await trx.insertInto('audit_heads').values({ tenant_id: tenant.id, seq: 0, hash: GENESIS_HASH }).execute();
      if (domains.length) {
        await trx
          .insertInto('tenant_domains')
          .values(
            domains.map((domain) => ({ tenant_id: tenant.id, domain, verification_token: newVerificationToken() })),
          )
          .execute();
      }
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId: tenant.id,
          action: 'tenant.created',
          target: { type: 'tenant', id: tenant.id },
          data: { slug: tenant.slug, name: tenant.name, domains },
        },
      );
      return { id: tenant.id, slug: tenant.slug, name: tenant.name, domains, createdAt: tenant.created_at };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'tenants_slug_key'))
      throw new DomainError('TENANT_EXISTS', `A tenant "${input.slug}" already exists`);
    throw e;
  }
}
