import { type Kysely, sql } from 'kysely';

/**
 * Content-addressed snapshots. `object_versions` holds each distinct body once per tenant (sealed);
 * `snapshot_entries` says which version of which object is in which snapshots as a validity range of
 * snapshot sequence numbers [from_seq, to_seq): a backup writes rows only for objects that changed,
 * so its cost grows with the changes, not with the tenant. A snapshot is visible only once `complete`;
 * rows of an unfinished one are invisible to every complete one and are undone before the next starts.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('snapshots')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('full').check(sql`kind in ('full', 'object')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'complete', 'failed')`))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('object_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('progress', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // A running backup touches this as it goes; a stale one belongs to a worker that died.
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('rows_written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_written', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('legal_hold', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('snapshots_connection_seq_key', ['connection_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('snapshots_tenant_connection_idx')
    .on('snapshots')
    .columns(['tenant_id', 'connection_id', 'seq'])
    .execute();
  // At most one backup of a connection runs at a time.
  await db.schema
    .createIndex('snapshots_one_running_key')
    .on('snapshots')
    .unique()
    .column('connection_id')
    .where(sql.ref('status'), '=', 'running')
    .execute();

  await db.schema
    .createTable('object_versions')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('address', 'bytea', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('body', 'bytea', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('object_versions_pkey', ['tenant_id', 'address'])
    .execute();

  await db.schema
    .createTable('snapshot_entries')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull())
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('address', 'bytea', (c) => c.notNull())
    .addColumn('from_seq', 'integer', (c) => c.notNull())
    .addColumn('to_seq', 'integer')
    .addPrimaryKeyConstraint('snapshot_entries_pkey', ['connection_id', 'type', 'object_id', 'from_seq'])
    .addForeignKeyConstraint('snapshot_entries_version_fkey', ['tenant_id', 'address'], 'object_versions', [
      'tenant_id',
      'address',
    ])
    .execute();
  await db.schema
    .createIndex('snapshot_entries_version_idx')
    .on('snapshot_entries')
    .columns(['tenant_id', 'address'])
    .execute();
  await db.schema
    .createIndex('snapshot_entries_from_idx')
    .on('snapshot_entries')
    .columns(['connection_id', 'from_seq'])
    .execute();
  await db.schema
    .createIndex('snapshot_entries_to_idx')
    .on('snapshot_entries')
    .columns(['connection_id', 'to_seq'])
    .execute();
  await db.schema
    .createIndex('snapshot_entries_current_key')
    .on('snapshot_entries')
    .unique()
    .columns(['connection_id', 'type', 'object_id'])
    .where(sql.ref('to_seq'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('snapshot_entries').execute();
  await db.schema.dropTable('object_versions').execute();
  await db.schema.dropTable('snapshots').execute();
}
