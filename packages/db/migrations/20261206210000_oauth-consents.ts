import { type Kysely, sql } from 'kysely';

/**
 * What a member allowed an OAuth client to do, once per (member, client): `/oauth/authorize` asks
 * before the first code and not again while this row exists. Deleted with the member's credentials
 * (deprovisioning, logout receivers) and when the member disconnects the client. The unique key
 * starts with tenant_id, which indexes that foreign key; member_id has its own index.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('oauth_consents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('oauth_consents_member_client_key', ['tenant_id', 'member_id', 'client_id'])
    .execute();
  await db.schema.createIndex('oauth_consents_member_id_idx').on('oauth_consents').column('member_id').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('oauth_consents').execute();
}
