import { type Kysely, sql } from 'kysely';

/**
 * Entries are looked up by `to_seq` only when it is set (undo: `to_seq = seq`; diffs: a range;
 * pruning: `is not null`), yet every entry is inserted with it null, and a full backup inserts one per
 * object. A partial index skips those inserts (a first backup of a 100k-user org writes ~700k entries)
 * and serves every query that reads it; current entries are found by snapshot_entries_current_key.
 */
export async function up(db: Kysely<any>) {
  await db.schema.dropIndex('snapshot_entries_to_idx').execute();
  await db.schema
    .createIndex('snapshot_entries_closed_idx')
    .on('snapshot_entries')
    .columns(['connection_id', 'to_seq'])
    .where(sql.ref('to_seq'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('snapshot_entries_closed_idx').execute();
  await db.schema
    .createIndex('snapshot_entries_to_idx')
    .on('snapshot_entries')
    .columns(['connection_id', 'to_seq'])
    .execute();
}
