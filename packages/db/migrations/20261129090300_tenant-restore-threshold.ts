import type { Kysely } from 'kysely';

/**
 * How many users a restore may provision or deprovision (its blast radius) before a second member
 * must approve it. Per tenant, because 50 users is everything in one org and noise in another.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('tenants')
    .addColumn('restore_approval_threshold', 'integer', (c) => c.notNull().defaultTo(50))
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('tenants').dropColumn('restore_approval_threshold').execute();
}
