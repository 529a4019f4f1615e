import { type Kysely, sql } from 'kysely';

/**
 * Decision 048: event-driven freshness. One row per connection that opted in: whether it is on, the
 * System Log cursor the poll reads from (`cursor_at`, exclusive upper bound of what was read), when
 * the last poll completed (the recovery point), and the SHA-256 of the event hook's secret (the
 * secret itself is shown once and never stored).
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('connection_freshness')
    .addColumn('connection_id', 'uuid', (c) => c.primaryKey().references('connections.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('changed_by', 'text')
    .addColumn('cursor_at', 'timestamptz', (c) => c.notNull())
    .addColumn('polled_at', 'timestamptz')
    .addColumn('polling_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('events_seen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('objects_snapshotted', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('hook_secret_hash', 'bytea')
    .addColumn('hook_received_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('connection_freshness_enabled_idx')
    .on('connection_freshness')
    .column('tenant_id')
    .where(sql.ref('enabled'), '=', true)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('connection_freshness').execute();
}
