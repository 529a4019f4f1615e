import { type Kysely, sql } from 'kysely';

/**
 * Decision 057: Microsoft Entra ID connections. The tenant's directory id (GUID or verified domain)
 * and the identity platform's login URL sit beside the Graph URL, which goes in `org_url` (what a
 * backup reads); the app's client id in `client_id`; its client secret or certificate (PEM with the
 * key) sealed in `credentials_sealed` like every other credential.
 */
export async function up(db: Kysely<any>) {
  await sql`alter table connections drop constraint connections_provider_check`.execute(db);
  await sql`alter table connections add constraint connections_provider_check check (provider in ('okta', 'entra'))`.execute(
    db,
  );
  await sql`alter table connections drop constraint connections_auth_kind_check`.execute(db);
  await sql`alter table connections add constraint connections_auth_kind_check check (auth_kind in ('oauth', 'ssws', 'client_secret', 'certificate'))`.execute(
    db,
  );
  await db.schema.alterTable('connections').addColumn('directory_id', 'text').addColumn('login_url', 'text').execute();
  await sql`alter table connections add constraint connections_entra_fields check (provider <> 'entra' or (directory_id is not null and login_url is not null and client_id is not null and auth_kind in ('client_secret', 'certificate')))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>) {
  await sql`delete from connections where provider = 'entra'`.execute(db);
  await sql`alter table connections drop constraint connections_entra_fields`.execute(db);
  await db.schema.alterTable('connections').dropColumn('directory_id').dropColumn('login_url').execute();
  await sql`alter table connections drop constraint connections_auth_kind_check`.execute(db);
  await sql`alter table connections add constraint connections_auth_kind_check check (auth_kind in ('oauth', 'ssws'))`.execute(
    db,
  );
  await sql`alter table connections drop constraint connections_provider_check`.execute(db);
  await sql`alter table connections add constraint connections_provider_check check (provider in ('okta'))`.execute(db);
}
