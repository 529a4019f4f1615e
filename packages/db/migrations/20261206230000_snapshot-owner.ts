import type { Kysely } from 'kysely';

/**
 * Who runs a backup: `job:<graphile job id>` when a worker does. A later attempt of the same job is
 * proof that the earlier one ended (graphile-worker runs one attempt of a job at a time), so it takes
 * over the running snapshot at once instead of waiting for its heartbeat to go stale.
 */
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('snapshots').addColumn('owner', 'text').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('snapshots').dropColumn('owner').execute();
}
