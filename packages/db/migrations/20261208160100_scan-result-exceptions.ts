import type { Kysely } from 'kysely';

/**
 * The compliance exceptions that covered a result when it was scanned (decision 038), stored with it
 * so reports and evidence show them as they were; `accepted` when they covered all of it. The result
 * itself keeps its real value.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('scan_results')
    .addColumn('exceptions', 'jsonb')
    .addColumn('accepted', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('scan_results').dropColumn('exceptions').dropColumn('accepted').execute();
}
