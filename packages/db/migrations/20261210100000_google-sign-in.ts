import { type Kysely, sql } from 'kysely';

/**
 * Decision 063: Google Workspace sign-in. A tenant's SSO client may be of the kind `google` (issuer
 * https://accounts.google.com unless another is configured; no directory). Google members are keyed
 * on the ID token's `sub` (the Google account ID, stable and never reused) in a column of its own, so
 * a member pinned to one Google account is never handed to another by email, and an Okta subject left
 * from before a switch of provider is never mistaken for a Google one. A Google account names at most
 * one member of a tenant. A tenant that had configured Google as a plain OIDC issuer (which let any
 * Google account in, personal ones included) is turned into a Google tenant, its members' subjects
 * (Google account IDs) moved to `google_sub`.
 */
export async function up(db: Kysely<any>) {
  await sql`alter table tenant_sso drop constraint tenant_sso_provider_check`.execute(db);
  await sql`alter table tenant_sso add constraint tenant_sso_provider_check
    check (provider in ('oidc', 'entra', 'google') and ((provider = 'entra') = (directory_id is not null)))`.execute(
    db,
  );
  await db.schema.alterTable('members').addColumn('google_sub', 'text').execute();
  await sql`alter table members add constraint members_google_sub_check
    check (google_sub is null or (length(google_sub) between 1 and 255))`.execute(db);
  await db.schema
    .createIndex('members_tenant_google_sub_key')
    .unique()
    .on('members')
    .columns(['tenant_id', 'google_sub'])
    .where(sql.ref('google_sub'), 'is not', null)
    .execute();
  // A tenant that had Google as a plain OIDC issuer becomes a Google tenant (from now on its sign-ins
  // need the hd claim); its members' subjects were Google account IDs, so they move to google_sub.
  await sql`update members m set google_sub = m.idp_subject, idp_subject = null
    from tenant_sso s
    where s.tenant_id = m.tenant_id and s.provider = 'oidc' and m.idp_subject is not null
      and s.issuer ~* '^https?://accounts\\.google\\.com(/|$)'`.execute(db);
  await sql`update tenant_sso set provider = 'google'
    where provider = 'oidc' and issuer ~* '^https?://accounts\\.google\\.com(/|$)'`.execute(db);
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('members_tenant_google_sub_key').execute();
  await db.schema.alterTable('members').dropConstraint('members_google_sub_check').execute();
  await db.schema.alterTable('members').dropColumn('google_sub').execute();
  await db.deleteFrom('tenant_sso').where('provider', '=', 'google').execute();
  await sql`alter table tenant_sso drop constraint tenant_sso_provider_check`.execute(db);
  await sql`alter table tenant_sso add constraint tenant_sso_provider_check
    check (provider in ('oidc', 'entra') and ((provider = 'entra') = (directory_id is not null)))`.execute(db);
}
