import { type Kysely, sql } from 'kysely';

/**
 * A single-object snapshot (kind `object`, taken from the browser extension) names the object it
 * holds. Its sequence number falls inside the validity range of every other object's entry, so
 * without these columns it would look like it holds the whole org: retention would keep every entry
 * alive for it, and an object's history would count it as a backup of objects it never read.
 */
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('snapshots').addColumn('object_type', 'text').addColumn('object_id', 'text').execute();
  await sql`alter table snapshots add constraint snapshots_object_kind check ((kind = 'object') = (object_type is not null and object_id is not null))`.execute(
    db,
  );
  // "The latest snapshot of this object": the extension asks it on every admin-console page.
  await db.schema
    .createIndex('snapshots_object_idx')
    .on('snapshots')
    .columns(['connection_id', 'object_type', 'object_id', 'seq'])
    .where(sql.ref('kind'), '=', 'object')
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('snapshots_object_idx').execute();
  await sql`alter table snapshots drop constraint snapshots_object_kind`.execute(db);
  await db.schema.alterTable('snapshots').dropColumn('object_type').dropColumn('object_id').execute();
}
