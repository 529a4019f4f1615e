import { type Kysely, sql } from 'kysely';

/**
 * The IdP's audit events (Okta's System Log) a backup kept to attribute its changes: those that
 * touched an object that changed since the previous complete snapshot, fetched at backup time so a
 * diff can name who changed what later without calling the IdP. Sealed with the tenant's data key in
 * chunks (actors are people's logins); they live and die with their snapshot.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('snapshot_log_events')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull().references('snapshots.id').onDelete('cascade'))
    .addColumn('chunk', 'integer', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('body', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('snapshot_log_events_pkey', ['snapshot_id', 'chunk'])
    .execute();
  await db.schema.createIndex('snapshot_log_events_tenant_idx').on('snapshot_log_events').column('tenant_id').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('snapshot_log_events').execute();
}
