import { type Kysely, sql } from 'kysely';

/**
 * Break-glass accounts, declared once per connection by Okta user id (decision 037): compliance
 * coverage rules (MFA, session) leave rules that target only them aside, and OKTA-BREAKGLASS-* rules
 * check the accounts themselves. Login and name are what the user was called when declared, for
 * display while the account is gone from the latest snapshot.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('break_glass_accounts')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('okta_user_id', 'text', (c) => c.notNull())
    .addColumn('login', 'text')
    .addColumn('display_name', 'text')
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('break_glass_accounts_pkey', ['connection_id', 'okta_user_id'])
    .execute();
  await db.schema
    .createIndex('break_glass_accounts_tenant_idx')
    .on('break_glass_accounts')
    .columns(['tenant_id', 'connection_id'])
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('break_glass_accounts').execute();
}
