import { type Kysely, sql } from 'kysely';

/**
 * Alert webhooks a tenant registers, and the log of their deliveries. The signing secret is sealed
 * with the tenant's data key (it is shown once, then only used to sign). A delivery's payload is
 * sealed too: it names objects and may carry configuration values. Deliveries are per (webhook,
 * event, snapshot) at most once, so a retried backup job never alerts twice for one snapshot.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'bytea', (c) => c.notNull())
    .addColumn('events', sql`text[]`, (c) => c.notNull())
    // Object-type patterns for `objects.changed` (`policy.*`, `group`); empty means every type.
    .addColumn('object_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('webhooks_tenant_name_key')
    .on('webhooks')
    .unique()
    .columns(['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('webhook_id', 'uuid', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'uuid', (c) => c.references('snapshots.id').onDelete('set null'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('payload_sealed', 'bytea', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_tenant_idx')
    .on('webhook_deliveries')
    .columns(['tenant_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_webhook_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_snapshot_idx')
    .on('webhook_deliveries')
    .column('snapshot_id')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_once_key')
    .on('webhook_deliveries')
    .unique()
    .columns(['webhook_id', 'event', 'snapshot_id'])
    .where(sql.ref('snapshot_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
