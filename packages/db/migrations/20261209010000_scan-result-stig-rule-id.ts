import type { Kysely } from 'kysely';

/**
 * The DISA STIG text a result was judged against (decision 041): its SV rule id with the revision
 * (SV-273186r1098825_rule), by which reports look the STIG's title, discussion, check and fix texts
 * up. Null for rules beyond the STIG and for results stored before, whose reports render as they did.
 */
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('scan_results').addColumn('stig_rule_id', 'text').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('scan_results').dropColumn('stig_rule_id').execute();
}
