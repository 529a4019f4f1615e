import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('members')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('display_name', 'text')
    .addColumn('locale', 'text')
    .addColumn('external_id', 'text')
    .addColumn('idp_subject', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('super_admin', 'admin', 'backup_operator', 'auditor', 'read_only')`),
    )
    .addColumn('role_source', 'text', (c) => c.notNull().check(sql`role_source in ('scim', 'jit', 'manual')`))
    .addColumn('token_epoch', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deactivated_at', 'timestamptz')
    .execute();
  // userName is caseExact=false in SCIM: uniqueness and lookups are on lower(user_name).
  await db.schema
    .createIndex('members_tenant_user_name_key')
    .on('members')
    .unique()
    .expression(sql`tenant_id, lower(user_name)`)
    .execute();
  await db.schema
    .createIndex('members_tenant_email_key')
    .on('members')
    .unique()
    .expression(sql`tenant_id, lower(email)`)
    .execute();
  await db.schema
    .createIndex('members_tenant_external_id_idx')
    .on('members')
    .columns(['tenant_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('members_tenant_idp_subject_key')
    .on('members')
    .unique()
    .columns(['tenant_id', 'idp_subject'])
    .where(sql.ref('idp_subject'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('members').execute();
}
