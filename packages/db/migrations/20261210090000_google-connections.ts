import { type Kysely, sql } from 'kysely';

/**
 * Decision 062: Google Workspace connections. A service account with domain-wide delegation reads
 * the customer's configuration as one of its admins: the primary domain goes in `directory_id`, the
 * OAuth token URL in `login_url`, the Admin SDK base URL in `org_url` (what a backup reads), the
 * service account's numeric client id (what the admin enters under domain-wide delegation) in
 * `client_id`, its key id in `key_id`, the admin it acts as in the new `admin_email`, and its key
 * JSON sealed in `credentials_sealed` like every other credential.
 */
export async function up(db: Kysely<any>) {
  await sql`alter table connections drop constraint connections_provider_check`.execute(db);
  await sql`alter table connections add constraint connections_provider_check check (provider in ('okta', 'entra', 'google'))`.execute(
    db,
  );
  await sql`alter table connections drop constraint connections_auth_kind_check`.execute(db);
  await sql`alter table connections add constraint connections_auth_kind_check check (auth_kind in ('oauth', 'ssws', 'client_secret', 'certificate', 'service_account'))`.execute(
    db,
  );
  await db.schema.alterTable('connections').addColumn('admin_email', 'text').execute();
  await sql`alter table connections add constraint connections_google_fields check (provider <> 'google' or (directory_id is not null and login_url is not null and client_id is not null and admin_email is not null and auth_kind = 'service_account'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>) {
  await sql`delete from connections where provider = 'google'`.execute(db);
  await sql`alter table connections drop constraint connections_google_fields`.execute(db);
  await db.schema.alterTable('connections').dropColumn('admin_email').execute();
  await sql`alter table connections drop constraint connections_auth_kind_check`.execute(db);
  await sql`alter table connections add constraint connections_auth_kind_check check (auth_kind in ('oauth', 'ssws', 'client_secret', 'certificate'))`.execute(
    db,
  );
  await sql`alter table connections drop constraint connections_provider_check`.execute(db);
  await sql`alter table connections add constraint connections_provider_check check (provider in ('okta', 'entra'))`.execute(
    db,
  );
}
