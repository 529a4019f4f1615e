import { type Kysely, sql } from 'kysely';

/**
 * Restore plans: what a restore preview computed (ordered steps, caveats, the old-id → new-id map),
 * and how far applying it got, so a killed apply resumes where it stopped. A step names the snapshot
 * version it restores (`address`) instead of copying the body, and its details (diffs, caveats) are
 * sealed like object bodies: a plan shows configuration values and must not weaken encryption at rest.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('restore_plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    // Retention never prunes a snapshot a stored plan names (prune-snapshots.ts); a connection's removal takes both.
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull().references('snapshots.id').onDelete('cascade'))
    .addColumn('short_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('queued', 'computing', 'ready', 'failed', 'applying', 'applied', 'apply_failed', 'stale')`,
        ),
    )
    .addColumn('scope', 'jsonb', (c) => c.notNull())
    .addColumn('requested_by_type', 'text', (c) => c.notNull())
    .addColumn('requested_by_id', 'text')
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('computed_at', 'timestamptz')
    .addColumn('progress', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('caveats', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('needs_approval', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('approved_by_type', 'text')
    .addColumn('approved_by_id', 'text')
    .addColumn('approved_by_label', 'text')
    .addColumn('approved_at', 'timestamptz')
    // Secrets supplied for the apply (values or vault references), sealed; erased once applied.
    .addColumn('apply_secrets_sealed', 'bytea')
    .addColumn('apply_requested_at', 'timestamptz')
    .addColumn('apply_started_at', 'timestamptz')
    .addColumn('applied_at', 'timestamptz')
    .addColumn('pre_apply_snapshot_id', 'uuid', (c) => c.references('snapshots.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('restore_plans_tenant_idx')
    .on('restore_plans')
    .columns(['tenant_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('restore_plans_tenant_code_key')
    .on('restore_plans')
    .unique()
    .columns(['tenant_id', 'short_code'])
    .execute();
  // "Restore readiness": the last successful preview of a connection.
  await db.schema
    .createIndex('restore_plans_connection_idx')
    .on('restore_plans')
    .columns(['connection_id', 'computed_at'])
    .execute();
  await db.schema.createIndex('restore_plans_snapshot_idx').on('restore_plans').column('snapshot_id').execute();
  await db.schema
    .createIndex('restore_plans_pre_apply_snapshot_idx')
    .on('restore_plans')
    .column('pre_apply_snapshot_id')
    .execute();

  await db.schema
    .createTable('restore_steps')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('restore_plans.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('create', 'update', 'reactivate', 'delete', 'skip')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'running', 'done', 'failed', 'skipped')`),
    )
    // Keyed hash of the live object (volatile fields left out) as the preview saw it; null: it did not exist.
    .addColumn('fingerprint', 'text')
    // The snapshot version this step restores (null for deletions and skips).
    .addColumn('address', 'bytea')
    .addColumn('detail', 'bytea', (c) => c.notNull())
    .addColumn('new_id', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('restore_steps_pkey', ['plan_id', 'seq'])
    .execute();

  await db.schema
    .createTable('restore_id_map')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('restore_plans.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('old_id', 'text', (c) => c.notNull())
    .addColumn('new_id', 'text')
    .addColumn('step_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('restore_id_map_pkey', ['plan_id', 'type', 'old_id'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('restore_id_map').execute();
  await db.schema.dropTable('restore_steps').execute();
  await db.schema.dropTable('restore_plans').execute();
}
