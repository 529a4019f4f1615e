import type { Kysely } from 'kysely';

/**
 * A preview may pair a snapshot object with a live one by its natural key (a policy's catch-all rule
 * Okta made anew with the restored policy, a group someone re-created by hand under the same name):
 * the pair goes into the plan's id map with its live id already known, and with no step when the two
 * are equal. Only pairs whose step was applied count for later plans (connection-id-map.ts).
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('restore_id_map')
    .alterColumn('step_seq', (c) => c.dropNotNull())
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.deleteFrom('restore_id_map').where('step_seq', 'is', null).execute();
  await db.schema
    .alterTable('restore_id_map')
    .alterColumn('step_seq', (c) => c.setNotNull())
    .execute();
}
