import { type Kysely, sql } from 'kysely';

// What SCIM needs on members: the role the IdP assigned directly (the effective `role` is the highest
// of it and the roles of mapped groups), and a version counter for weak ETags (meta.version).
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('members')
    .addColumn('scim_role', 'text', (c) =>
      c.check(sql`scim_role in ('super_admin', 'admin', 'backup_operator', 'auditor', 'read_only')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // A trigger rather than each writer: a role changed from the dashboard must change the ETag too.
  await sql`
    create function bump_version() returns trigger language plpgsql as $$
    begin
      new.version := old.version + 1;
      return new;
    end $$`.execute(db);
  await sql`create trigger members_bump_version before update on members for each row execute function bump_version()`.execute(
    db,
  );
  // SCIM lists page in creation order; this keeps a page a range scan within the tenant.
  await db.schema
    .createIndex('members_tenant_created_idx')
    .on('members')
    .columns(['tenant_id', 'created_at', 'id'])
    .execute();
  // Every role or status change locks "this member or an active super_admin" (guard-last-super-admin):
  // with this index that is a bitmap OR of two index probes instead of a scan of the whole tenant.
  await db.schema
    .createIndex('members_tenant_active_super_admins_idx')
    .on('members')
    .column('tenant_id')
    .where(sql.ref('role'), '=', 'super_admin')
    .where(sql.ref('active'), '=', true)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('members_tenant_active_super_admins_idx').execute();
  await db.schema.dropIndex('members_tenant_created_idx').execute();
  await sql`drop trigger members_bump_version on members`.execute(db);
  await sql`drop function bump_version()`.execute(db);
  await db.schema.alterTable('members').dropColumn('version').dropColumn('scim_role').execute();
}
