import { type Kysely, sql } from 'kysely';

/**
 * An optional second credential per connection, used only by restore apply: backups keep a
 * read-only credential (`okta.*.read`), and the one that may write (`.manage`) can be another service
 * app, held apart and sealed the same way. Without it, apply uses the backup credential.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('connections')
    .addColumn('write_auth_kind', 'text', (c) => c.check(sql`write_auth_kind in ('oauth', 'ssws')`))
    .addColumn('write_client_id', 'text')
    .addColumn('write_key_id', 'text')
    .addColumn('write_credentials_sealed', 'bytea')
    .addColumn('write_updated_at', 'timestamptz')
    .execute();
  await sql`alter table connections add constraint connections_write_oauth_client_id check (write_auth_kind is distinct from 'oauth' or write_client_id is not null)`.execute(
    db,
  );
  await sql`alter table connections add constraint connections_write_sealed check ((write_auth_kind is null) = (write_credentials_sealed is null))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('connections').dropConstraint('connections_write_sealed').execute();
  await db.schema.alterTable('connections').dropConstraint('connections_write_oauth_client_id').execute();
  await db.schema
    .alterTable('connections')
    .dropColumn('write_auth_kind')
    .dropColumn('write_client_id')
    .dropColumn('write_key_id')
    .dropColumn('write_credentials_sealed')
    .dropColumn('write_updated_at')
    .execute();
}
