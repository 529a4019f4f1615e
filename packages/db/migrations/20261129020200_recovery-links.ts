import { type Kysely, sql } from 'kysely';

// Break-glass sign-in links: one-time, short-lived, stored hashed, super_admin members only.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('recovery_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('recovery_links_tenant_id_idx').on('recovery_links').column('tenant_id').execute();
  await db.schema.createIndex('recovery_links_member_id_idx').on('recovery_links').column('member_id').execute();

  // How a session was established: through the IdP, or through a recovery link (shown on the dashboard).
  await db.schema
    .alterTable('sessions')
    .addColumn('auth_method', 'text', (c) =>
      c.notNull().defaultTo('sso').check(sql`auth_method in ('sso', 'recovery')`),
    )
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('sessions').dropColumn('auth_method').execute();
  await db.schema.dropTable('recovery_links').execute();
}
