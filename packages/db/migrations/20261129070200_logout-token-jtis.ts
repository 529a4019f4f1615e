import type { Kysely } from 'kysely';

/**
 * `jti`s of back-channel logout tokens already accepted, kept until the token itself expires, so a
 * captured logout token cannot be replayed (OIDC Back-Channel Logout 1.0, 2.6). The primary key
 * starts with tenant_id, which also indexes the foreign key.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('logout_token_jtis')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('jti', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('logout_token_jtis_pkey', ['tenant_id', 'issuer', 'jti'])
    .execute();
  await db.schema
    .createIndex('logout_token_jtis_expires_at_idx')
    .on('logout_token_jtis')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('logout_token_jtis').execute();
}
