import { type Kysely, sql } from 'kysely';

/**
 * Which app client secrets and signing keys a `credential.expiring` alert has already named, per
 * threshold (30 days, 7 days, expired): every backup sees the same soon-to-expire key, and a tenant
 * hears about it once per threshold, not once per backup. `expires_at` is in the key: a renewed key
 * with a new expiry is a new credential to warn about.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('credential_expiry_alerts')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('threshold_days', 'integer', (c) => c.notNull())
    .addColumn('snapshot_id', 'uuid', (c) => c.references('snapshots.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('credential_expiry_alerts_pkey', [
      'connection_id',
      'object_type',
      'object_id',
      'expires_at',
      'threshold_days',
    ])
    .execute();
  await db.schema
    .createIndex('credential_expiry_alerts_tenant_idx')
    .on('credential_expiry_alerts')
    .columns(['tenant_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('credential_expiry_alerts').execute();
}
