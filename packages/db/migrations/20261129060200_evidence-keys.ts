import { type Kysely, sql } from 'kysely';

/**
 * Each tenant's Ed25519 evidence key: the private key sealed with the tenant's data key (never shown),
 * the public key and its fingerprint in the clear (the dashboard shows it; auditors record it).
 * `version` leaves room for rotation; the highest version signs.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('evidence_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull().defaultTo('Ed25519').check(sql`algorithm = 'Ed25519'`))
    .addColumn('public_key_spki', 'bytea', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('evidence_keys_tenant_version_key', ['tenant_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('evidence_keys').execute();
}
