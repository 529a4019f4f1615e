import { type Kysely, sql } from 'kysely';

/**
 * Notification channels (decision 039): a webhook gains a `kind` (a signed `webhook` as before, a
 * `slack` incoming webhook, or an `email` address) and, for email, a `digest` (send each alert at
 * once, or batch a day's alerts into one mail). A delivery waiting for its channel's daily digest is
 * `waiting`; once the digest job has put it in a digest mail it is `batched`, with `digest_id`
 * naming the digest's own delivery.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('webhooks')
    .addColumn('kind', 'text', (c) =>
      c.notNull().defaultTo('webhook').check(sql`kind in ('webhook', 'slack', 'email')`),
    )
    .addColumn('digest', 'text', (c) => c.notNull().defaultTo('immediate').check(sql`digest in ('immediate', 'daily')`))
    .execute();
  await db.schema.alterTable('webhook_deliveries').dropConstraint('webhook_deliveries_status_check').execute();
  await db.schema
    .alterTable('webhook_deliveries')
    .addCheckConstraint(
      'webhook_deliveries_status_check',
      sql`status in ('pending', 'delivered', 'failed', 'waiting', 'batched')`,
    )
    .execute();
  await db.schema
    .alterTable('webhook_deliveries')
    .addColumn('digest_id', 'uuid', (c) => c.references('webhook_deliveries.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_waiting_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'created_at'])
    .where(sql.ref('status'), '=', 'waiting')
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('webhook_deliveries_waiting_idx').execute();
  await db.deleteFrom('webhook_deliveries').where('status', 'in', ['waiting', 'batched']).execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('digest_id').execute();
  await db.schema.alterTable('webhook_deliveries').dropConstraint('webhook_deliveries_status_check').execute();
  await db.schema
    .alterTable('webhook_deliveries')
    .addCheckConstraint('webhook_deliveries_status_check', sql`status in ('pending', 'delivered', 'failed')`)
    .execute();
  await db.schema.alterTable('webhooks').dropColumn('kind').dropColumn('digest').execute();
}
