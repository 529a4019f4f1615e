import { type Kysely, sql } from 'kysely';

/**
 * Decision 056: Microsoft Entra ID sign-in. A tenant's SSO client says which kind of provider it is;
 * an Entra client also names the customer's directory (tenant GUID), which every ID token's `tid`
 * must equal. Entra members are keyed on (`tid`, `oid`), never on an email or UPN: both columns
 * are set together, and a pair names at most one member of a tenant. Sessions get an index on the IdP
 * session id, which the (anonymous) front-channel logout deletes by.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('tenant_sso')
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo('oidc'))
    .addColumn('directory_id', 'uuid')
    .execute();
  await sql`alter table tenant_sso add constraint tenant_sso_provider_check
    check (provider in ('oidc', 'entra') and ((provider = 'entra') = (directory_id is not null)))`.execute(db);
  await db.schema.alterTable('members').addColumn('entra_tid', 'uuid').addColumn('entra_oid', 'uuid').execute();
  await sql`alter table members add constraint members_entra_key_check
    check ((entra_tid is null) = (entra_oid is null))`.execute(db);
  await db.schema
    .createIndex('members_tenant_entra_key')
    .unique()
    .on('members')
    .columns(['tenant_id', 'entra_tid', 'entra_oid'])
    .where(sql.ref('entra_oid'), 'is not', null)
    .execute();
  // Front-channel logout ends sessions by IdP session id on an anonymous GET: one index probe each.
  await db.schema
    .createIndex('sessions_tenant_idp_session_id_idx')
    .on('sessions')
    .columns(['tenant_id', 'idp_session_id'])
    .where(sql.ref('idp_session_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('sessions_tenant_idp_session_id_idx').execute();
  await db.schema.dropIndex('members_tenant_entra_key').execute();
  await db.schema.alterTable('members').dropConstraint('members_entra_key_check').execute();
  await db.schema.alterTable('members').dropColumn('entra_tid').dropColumn('entra_oid').execute();
  await db.schema.alterTable('tenant_sso').dropConstraint('tenant_sso_provider_check').execute();
  await db.schema.alterTable('tenant_sso').dropColumn('provider').dropColumn('directory_id').execute();
}
