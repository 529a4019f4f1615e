import type { Kysely } from 'kysely';

/**
 * The last backup asked for on a connection (by whom, which job), so a second "Back up now" while
 * one is queued or running answers with that one instead of queueing another (request-backup.ts).
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('connections')
    .addColumn('backup_requested_at', 'timestamptz')
    .addColumn('backup_requested_by', 'text')
    .addColumn('backup_request_job_id', 'text')
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema
    .alterTable('connections')
    .dropColumn('backup_requested_at')
    .dropColumn('backup_requested_by')
    .dropColumn('backup_request_job_id')
    .execute();
}
