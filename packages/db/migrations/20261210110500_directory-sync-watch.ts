import { type Kysely, sql } from 'kysely';

/**
 * Decision 064: Google's `users.watch` push channel of a directory sync. Google calls the doorbell
 * route with the channel's id and token on each change of a user; the route only queues a sync.
 * Only the token's hash is kept. Channels live at most 6 hours and are renewed by the syncs.
 * Also: the role groups the last run did not find in Google (a typo there takes a role from
 * everyone in it, so the status says so).
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('directory_syncs')
    .addColumn('watch_channel_id', 'text')
    .addColumn('watch_resource_id', 'text')
    .addColumn('watch_token_hash', 'bytea')
    .addColumn('watch_address', 'text')
    .addColumn('watch_expires_at', 'timestamptz')
    .addColumn('watch_received_at', 'timestamptz')
    .addColumn('last_missing_groups', sql`text[]`)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema
    .alterTable('directory_syncs')
    .dropColumn('watch_channel_id')
    .dropColumn('watch_resource_id')
    .dropColumn('watch_token_hash')
    .dropColumn('watch_address')
    .dropColumn('watch_expires_at')
    .dropColumn('watch_received_at')
    .dropColumn('last_missing_groups')
    .execute();
}
