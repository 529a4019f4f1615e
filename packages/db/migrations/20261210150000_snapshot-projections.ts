import type { Kysely } from 'kysely';

/**
 * Decision 051's lever (issue 20): per complete full snapshot and big type (users), the few fields the
 * compliance rules stream, sealed with the tenant's data key as one blob — a scan opens it once instead
 * of opening 100k bodies. Written by the backup that listed the whole type, in the transaction that makes
 * the snapshot visible; gone with its snapshot. A snapshot without one is scanned from its bodies.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('snapshot_projections')
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull().references('snapshots.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('object_count', 'integer', (c) => c.notNull())
    .addColumn('body', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshot_projections_pkey', ['snapshot_id', 'type'])
    .execute();
  await db.schema
    .createIndex('snapshot_projections_tenant_idx')
    .on('snapshot_projections')
    .column('tenant_id')
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('snapshot_projections').execute();
}
