import { type Kysely, sql } from 'kysely';

// Groups pushed by the IdP, their members, and the tenant's own mapping of a group to a role. The
// mapping is a separate table because it is the tenant's configuration, not IdP data: a PUT of the
// group must not erase it.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('scim_groups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // displayName is caseExact=false for groups: unique and looked up on lower(display_name).
  await db.schema
    .createIndex('scim_groups_tenant_display_name_key')
    .on('scim_groups')
    .unique()
    .expression(sql`tenant_id, lower(display_name)`)
    .execute();
  await db.schema
    .createIndex('scim_groups_tenant_external_id_idx')
    .on('scim_groups')
    .columns(['tenant_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('scim_groups_tenant_created_idx')
    .on('scim_groups')
    .columns(['tenant_id', 'created_at', 'id'])
    .execute();
  await sql`create trigger scim_groups_bump_version before update on scim_groups for each row execute function bump_version()`.execute(
    db,
  );

  await db.schema
    .createTable('scim_group_members')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('group_id', 'uuid', (c) => c.notNull().references('scim_groups.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('scim_group_members_pkey', ['group_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('scim_group_members_tenant_id_idx')
    .on('scim_group_members')
    .column('tenant_id')
    .execute();
  await db.schema
    .createIndex('scim_group_members_member_id_idx')
    .on('scim_group_members')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('scim_group_roles')
    .addColumn('group_id', 'uuid', (c) => c.primaryKey().references('scim_groups.id').onDelete('cascade'))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('super_admin', 'admin', 'backup_operator', 'auditor', 'read_only')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('scim_group_roles_tenant_id_idx').on('scim_group_roles').column('tenant_id').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('scim_group_roles').execute();
  await db.schema.dropTable('scim_group_members').execute();
  await db.schema.dropTable('scim_groups').execute();
}
