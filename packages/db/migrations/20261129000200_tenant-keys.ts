import { type Kysely, sql } from 'kysely';

// Per-tenant data keys, wrapped (AES-256-GCM) by the master key, which never enters the database.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('tenant_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('wrapped_key', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('tenant_keys_tenant_purpose_version_key', ['tenant_id', 'purpose', 'version'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('tenant_keys').execute();
}
