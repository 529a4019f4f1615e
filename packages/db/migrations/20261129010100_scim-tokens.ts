import { type Kysely, sql } from 'kysely';

// Bearer tokens of a tenant's SCIM client. The token selects the tenant; several may be active at
// once so a customer can rotate without downtime. Stored as SHA-256 of a 256-bit random value.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull().check(sql`length(label) between 1 and 200`))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('scim_tokens_tenant_id_idx').on('scim_tokens').column('tenant_id').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('scim_tokens').execute();
}
