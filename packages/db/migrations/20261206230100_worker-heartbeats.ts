import { type Kysely, sql } from 'kysely';

/**
 * One row per live worker process, keyed by its graphile-worker pool id (what `locked_by` holds on the
 * jobs it runs), beaten every few seconds. A row that stops beating, or whose process is gone from its
 * machine, marks a dead worker whose locked jobs the others release at once (decision 022).
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('worker_heartbeats')
    .addColumn('worker_id', 'text', (c) => c.primaryKey())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    // Boot id and pid namespace: two rows with the same value can see each other's processes.
    .addColumn('machine', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('beat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('worker_heartbeats').execute();
}
