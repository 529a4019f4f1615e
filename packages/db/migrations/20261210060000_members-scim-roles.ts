import { type Kysely, sql } from 'kysely';

/**
 * Decision 055: an IdP may assign several roles directly (Entra's AppRoleAssignmentsComplex sends
 * each app role assignment, and adds or removes them one at a time). The set is kept, so removing
 * the highest one falls back to the next; `scim_role` stays as the highest of the set, which is what
 * precedence with mapped groups reads.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('members')
    .addColumn('scim_roles', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(sql`scim_roles <@ array['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only']::text[]`),
    )
    .execute();
  await sql`update members set scim_roles = array[scim_role] where scim_role is not null`.execute(db);
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('members').dropColumn('scim_roles').execute();
}
