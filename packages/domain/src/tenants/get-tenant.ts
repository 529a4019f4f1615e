import type { Db } from '../deps.ts';
import { DomainError } from '../errors.ts';

/** Resolves a tenant by slug (CLI arguments, URLs). Not a permission check: callers authorize. */
export async function getTenantBySlug(deps: { db: Db }, slug: string) {
  const tenant = await deps.db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name', 'created_at'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!tenant) throw new DomainError('NOT_FOUND', `No tenant "${slug}"`);
  return tenant;
}
