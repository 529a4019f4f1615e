import { type Kysely, sql } from 'kysely';

/**
 * Decision 064: Google directory sync. Google cannot push SCIM to a custom app, so Butterfly pulls
 * the customer's directory through a Google connection. One row per connection says whether the
 * sync is on, which five groups name the roles (null: the default `butterfly-…@<primary domain>`),
 * and how the last run went (start, end, last success, counts, last error). A member the sync
 * created or adopted names its connection in `directory_connection_id` and has the role source
 * `directory`: the sync touches those members only, never one from SCIM, the dashboard or another
 * directory.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('directory_syncs')
    .addColumn('connection_id', 'uuid', (c) => c.primaryKey().references('connections.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('super_admin_group', 'text')
    .addColumn('admin_group', 'text')
    .addColumn('backup_operator_group', 'text')
    .addColumn('auditor_group', 'text')
    .addColumn('read_only_group', 'text')
    .addColumn('last_started_at', 'timestamptz')
    .addColumn('last_finished_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_counts', 'jsonb')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('directory_syncs_tenant_idx').on('directory_syncs').column('tenant_id').execute();

  await db.schema
    .alterTable('members')
    .addColumn('directory_connection_id', 'uuid', (c) => c.references('connections.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('members_directory_connection_idx')
    .on('members')
    .columns(['directory_connection_id', 'tenant_id'])
    .where(sql.ref('directory_connection_id'), 'is not', null)
    .execute();
  await sql`alter table members drop constraint members_role_source_check`.execute(db);
  await sql`alter table members add constraint members_role_source_check
    check (role_source in ('scim', 'jit', 'manual', 'directory'))`.execute(db);
}

export async function down(db: Kysely<any>) {
  await sql`update members set role_source = 'manual' where role_source = 'directory'`.execute(db);
  await sql`alter table members drop constraint members_role_source_check`.execute(db);
  await sql`alter table members add constraint members_role_source_check
    check (role_source in ('scim', 'jit', 'manual'))`.execute(db);
  await db.schema.dropIndex('members_directory_connection_idx').execute();
  await db.schema.alterTable('members').dropColumn('directory_connection_id').execute();
  await db.schema.dropTable('directory_syncs').execute();
}
