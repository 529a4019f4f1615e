import { type Kysely, sql } from 'kysely';

/**
 * Compliance scans of snapshots, and one result per rule. A scan row keeps everything its evidence
 * report is rendered from (tenant and connection names, org URL, snapshot time, versions, who started
 * it) as it was at scan time, so a report exported a year later hashes the same as on the day.
 * `snapshot_id` is deliberately not a foreign key: retention may prune the snapshot, and the evidence
 * must outlive it. Removing a connection removes its scans, like its snapshots.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('scans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull())
    .addColumn('snapshot_seq', 'integer', (c) => c.notNull())
    .addColumn('snapshot_taken_at', 'timestamptz', (c) => c.notNull())
    .addColumn('tenant_name', 'text', (c) => c.notNull())
    .addColumn('connection_name', 'text', (c) => c.notNull())
    .addColumn('org_url', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('manual', 'backup', 'api')`))
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ruleset_version', 'text', (c) => c.notNull())
    .addColumn('product_version', 'text', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .execute();
  // Serves tenant_id lookups and "latest scans of each connection" (by snapshot order).
  await db.schema
    .createIndex('scans_tenant_connection_idx')
    .on('scans')
    .columns(['tenant_id', 'connection_id', 'snapshot_seq', 'started_at'])
    .execute();
  await db.schema.createIndex('scans_connection_id_idx').on('scans').column('connection_id').execute();
  await db.schema.createIndex('scans_snapshot_idx').on('scans').columns(['snapshot_id', 'ruleset_version']).execute();

  await db.schema
    .createTable('scan_results')
    .addColumn('scan_id', 'uuid', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    // The rule as it was at scan time (title, severity, mappings), so a later rule set cannot rewrite old evidence.
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('frameworks', 'jsonb', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_results_pkey', ['scan_id', 'rule_id'])
    .execute();
  // A rule's history across scans, and the tenant foreign key.
  await db.schema
    .createIndex('scan_results_tenant_rule_idx')
    .on('scan_results')
    .columns(['tenant_id', 'rule_id'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('scan_results').execute();
  await db.schema.dropTable('scans').execute();
}
