import { type Kysely, sql } from 'kysely';

/**
 * Authorization codes of Butterfly's own OAuth server (first-party clients such as the Chrome
 * extension). Stored as SHA-256 like every credential; single-use (`used_at`), short-lived, bound to
 * the client, redirect URI and PKCE challenge, and to the member's token epoch at issue time, so a
 * revocation between issue and exchange makes the code worthless. `family_id` names the refresh-token
 * family minted from the code: presenting the code twice revokes that family (RFC 6749 4.1.2).
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('oauth_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('code_challenge', 'text', (c) => c.notNull())
    .addColumn('token_epoch', 'integer', (c) => c.notNull())
    .addColumn('family_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('oauth_codes_tenant_id_idx').on('oauth_codes').column('tenant_id').execute();
  await db.schema.createIndex('oauth_codes_member_id_idx').on('oauth_codes').column('member_id').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('oauth_codes').execute();
}
