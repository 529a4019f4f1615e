import { type Kysely, sql } from 'kysely';

/**
 * Decision 047: an OAuth service-app connection's ceiling, in percent of each Okta rate-limit bucket.
 * Null: Okta's default per-app share (50 %). The customer raises it when they have raised the app's
 * share in Okta. SSWS connections ignore it (they keep the governor's reserve).
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('connections')
    .addColumn('rate_limit_share', 'smallint', (c) => c.check(sql`rate_limit_share between 1 and 100`))
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('connections').dropColumn('rate_limit_share').execute();
}
