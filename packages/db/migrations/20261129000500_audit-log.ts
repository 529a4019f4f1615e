import { type Kysely, sql } from 'kysely';

// Append-only, hash-chained per tenant. `audit_heads` holds each chain's last (seq, hash), so removing
// the newest entries is detected too, and its row lock serialises appends within a tenant.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('success', 'denied', 'failure')`))
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_events_tenant_seq_key', ['tenant_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('tenant_id', 'uuid', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('audit_heads').execute();
  await db.schema.dropTable('audit_events').execute();
}
