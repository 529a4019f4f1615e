import type { Kysely } from 'kysely';

/**
 * Snapshot bodies may live outside Postgres (decision 044): `object_versions` stays the index of
 * versions (tenant, address, type, object, size) and the target of the entries' foreign key, and its
 * `body` is null when the sealed body is kept in the configured filesystem or S3-compatible store.
 * Rows written before keep their body here and stay readable whatever store is configured.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('object_versions')
    .alterColumn('body', (c) => c.dropNotNull())
    .execute();
}

export async function down(db: Kysely<any>) {
  // Only possible while every body is still in Postgres.
  await db.schema
    .alterTable('object_versions')
    .alterColumn('body', (c) => c.setNotNull())
    .execute();
}
