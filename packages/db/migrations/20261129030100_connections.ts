import { type Kysely, sql } from 'kysely';

// Identity-provider connections a tenant backs up. Credentials (private key PEM or SSWS token) are
// sealed with the tenant's data key; nothing else in the row is secret.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('okta')`))
    .addColumn('org_url', 'text', (c) => c.notNull())
    .addColumn('auth_kind', 'text', (c) => c.notNull().check(sql`auth_kind in ('oauth', 'ssws')`))
    .addColumn('client_id', 'text')
    .addColumn('key_id', 'text')
    .addColumn('credentials_sealed', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_test', 'jsonb')
    .addColumn('last_tested_at', 'timestamptz')
    .addCheckConstraint('connections_oauth_client_id', sql`auth_kind <> 'oauth' or client_id is not null`)
    .execute();
  // Names are how people and the CLI tell connections apart; the index also serves tenant_id lookups.
  await db.schema
    .createIndex('connections_tenant_name_key')
    .on('connections')
    .unique()
    .columns(['tenant_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('connections').execute();
}
