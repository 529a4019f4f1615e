import { type Kysely, sql } from 'kysely';

/**
 * Domain claims are per tenant until verified: an unverified claim no longer blocks another tenant
 * (squatting) nor tells it the domain is taken. Only a verified domain is unique across tenants.
 */
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('tenant_domains').dropConstraint('tenant_domains_domain_key').execute();
  await db.schema
    .createIndex('tenant_domains_tenant_domain_key')
    .unique()
    .on('tenant_domains')
    .columns(['tenant_id', 'domain'])
    .execute();
  await db.schema
    .createIndex('tenant_domains_verified_domain_key')
    .unique()
    .on('tenant_domains')
    .column('domain')
    .where(sql.ref('verified_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('tenant_domains_verified_domain_key').execute();
  await db.schema.dropIndex('tenant_domains_tenant_domain_key').execute();
  // Fails when two tenants claim the same domain, as it must: the old rule cannot hold them.
  await db.schema.alterTable('tenant_domains').addUniqueConstraint('tenant_domains_domain_key', ['domain']).execute();
}
