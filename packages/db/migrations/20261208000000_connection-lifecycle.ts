import { type Kysely, sql } from 'kysely';

/**
 * A connection's life after it is added (docs/decisions/030-connection-lifecycle.md):
 * - paused: schedules skip it and "Back up now" is refused until it is resumed;
 * - status `needs_attention` with its reason: Okta refused the credential during a backup, and the
 *   admin must replace it (a successful backup or connection test clears it);
 * - deleted with its snapshots kept: the row stays, without credentials, so snapshots, scans and
 *   evidence stay browsable and verifiable; its name is free again for a new connection.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('connections')
    .addColumn('paused_at', 'timestamptz')
    .addColumn('paused_by', 'text')
    .addColumn('pause_reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ok').check(sql`status in ('ok', 'needs_attention')`))
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('deleted_by', 'text')
    .execute();
  await db.schema
    .alterTable('connections')
    .alterColumn('credentials_sealed', (c) => c.dropNotNull())
    .execute();
  // Only a deleted connection (snapshots kept) may be without its credential.
  await db.schema
    .alterTable('connections')
    .addCheckConstraint(
      'connections_credentials_unless_deleted',
      sql`deleted_at is not null or credentials_sealed is not null`,
    )
    .execute();
  await db.schema.dropIndex('connections_tenant_name_key').execute();
  await db.schema
    .createIndex('connections_tenant_name_key')
    .on('connections')
    .unique()
    .columns(['tenant_id', 'name'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema.createIndex('connections_tenant_idx').on('connections').column('tenant_id').execute();
}

export async function down(db: Kysely<any>) {
  await db.deleteFrom('connections').where('deleted_at', 'is not', null).execute();
  await db.schema.dropIndex('connections_tenant_idx').execute();
  await db.schema.dropIndex('connections_tenant_name_key').execute();
  await db.schema
    .createIndex('connections_tenant_name_key')
    .on('connections')
    .unique()
    .columns(['tenant_id', 'name'])
    .execute();
  await db.schema.alterTable('connections').dropConstraint('connections_credentials_unless_deleted').execute();
  await db.schema
    .alterTable('connections')
    .alterColumn('credentials_sealed', (c) => c.setNotNull())
    .execute();
  await db.schema
    .alterTable('connections')
    .dropColumn('paused_at')
    .dropColumn('paused_by')
    .dropColumn('pause_reason')
    .dropColumn('status')
    .dropColumn('status_reason')
    .dropColumn('status_changed_at')
    .dropColumn('deleted_at')
    .dropColumn('deleted_by')
    .execute();
}
