import { type Kysely, sql } from 'kysely';

// One schedule per connection: when backups run and how many snapshots retention keeps.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('backup_schedules')
    .addColumn('connection_id', 'uuid', (c) => c.primaryKey().references('connections.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('hourly', 'daily', 'weekly', 'cron')`))
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('keep_hourly', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('keep_daily', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('keep_weekly', 'integer', (c) => c.notNull().defaultTo(12))
    .addColumn('keep_monthly', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('backup_schedules_tenant_id_idx').on('backup_schedules').column('tenant_id').execute();
  await db.schema
    .createIndex('backup_schedules_due_idx')
    .on('backup_schedules')
    .column('next_run_at')
    .where(sql.ref('enabled'), '=', true)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('backup_schedules').execute();
}
