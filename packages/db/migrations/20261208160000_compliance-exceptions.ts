import { type Kysely, sql } from 'kysely';

/**
 * Governed compliance exceptions (decision 038): a finding of one rule on one connection, for one
 * object or the whole rule, accepted until `expires_at` by a member who asked and a different member
 * who approved. Scans annotate matching results (the result itself is never changed). Labels name
 * the people as they were when they acted; member ids make "not your own request" checkable.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('compliance_exceptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('requested')
        .check(sql`status in ('requested', 'active', 'rejected', 'revoked', 'expired')`),
    )
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_member_id', 'uuid')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_by_member_id', 'uuid')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('close_reason', 'text')
    .addColumn('expiring_alerted_at', 'timestamptz')
    .addCheckConstraint('compliance_exceptions_scope_check', sql`(object_type is null) = (object_id is null)`)
    .execute();
  await db.schema
    .createIndex('compliance_exceptions_tenant_idx')
    .on('compliance_exceptions')
    .columns(['tenant_id', 'connection_id', 'status'])
    .execute();
  await db.schema
    .createIndex('compliance_exceptions_due_idx')
    .on('compliance_exceptions')
    .columns(['status', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('compliance_exceptions').execute();
}
