import type { Kysely } from 'kysely';

/**
 * Decision 060: incremental Entra backups through Graph delta queries. One row per connection and
 * object type: the deltaLink (sealed with the tenant's data key: it is opaque tenant data) that the
 * complete snapshot `snapshot_id` left. A backup uses a cursor only when that snapshot is the
 * connection's latest complete full one, so a failed or partial backup can never skip a change.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('connection_change_cursors')
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull().references('snapshots.id').onDelete('cascade'))
    .addColumn('cursor_sealed', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('connection_change_cursors_pkey', ['connection_id', 'type'])
    .execute();
  await db.schema
    .createIndex('connection_change_cursors_tenant_idx')
    .on('connection_change_cursors')
    .column('tenant_id')
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('connection_change_cursors').execute();
}
