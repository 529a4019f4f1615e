import { randomUUID } from 'node:crypto';
import { hashSecret } from '@butterfly/domain/credentials';
import { describe, expect, it } from 'vitest';
import { type EntraDialect, EntraScimError, entraClient } from './testing/entra-client.ts';
import { useScimServer } from './testing/harness.ts';

// Entra ID's provisioning service, replayed against the real SCIM app and Postgres (shared/spec/entra.md §B).
const { db, request, tenant } = await useScimServer();
const t = await tenant();
const DIALECTS: EntraDialect[] = ['default', 'aadOptscim062020'];

const memberRow = (id: string) => db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
const auditOf = (targetId: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'actor_type', 'actor_id', 'actor_label', 'data'])
    .where('tenant_id', '=', t.id)
    .where('target_id', '=', targetId)
    .orderBy('seq')
    .execute();
const upn = (who: string, dialect: EntraDialect) => `${who}.${dialect === 'default' ? 'd' : 'f'}@globex.test`;

/** A session, an extension refresh token and an API token, as a signed-in member would have. */
async function giveCredentials(memberId: string) {
  const future = new Date(Date.now() + 3600_000);
  const tag = randomUUID();
  await db
    .insertInto('sessions')
    .values({
      tenant_id: t.id,
      member_id: memberId,
      token_hash: hashSecret(`s-${tag}`),
      idle_expires_at: future,
      expires_at: future,
    })
    .execute();
  await db
    .insertInto('refresh_tokens')
    .values({
      tenant_id: t.id,
      member_id: memberId,
      client_id: 'butterfly-extension',
      token_hash: hashSecret(`r-${tag}`),
      family_id: randomUUID(),
      expires_at: future,
    })
    .execute();
  await db
    .insertInto('api_tokens')
    .values({
      tenant_id: t.id,
      member_id: memberId,
      name: 'ci',
      prefix: 'bfy_abcd',
      token_hash: hashSecret(`a-${tag}`),
    })
    .execute();
}
const credentialsOf = async (memberId: string) =>
  Promise.all(
    (['sessions', 'refresh_tokens', 'api_tokens'] as const).map(
      async (table) => (await db.selectFrom(table).select('id').where('member_id', '=', memberId).execute()).length,
    ),
  );

describe.each(DIALECTS)('Entra ID provisioning, %s dialect', (dialect) => {
  const entra = entraClient(request, t.token, dialect);

  it('passes Test Connection: a random userName is 200, an empty ListResponse, application/scim+json', async () => {
    const r = await entra.testConnection();
    expect(r.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    // And a wrong Secret Token fails it with a SCIM 401.
    const bad = entraClient(request, 'bfys_not-a-token', dialect);
    const err = await bad.testConnection().catch((e: EntraScimError) => e);
    expect(err).toBeInstanceOf(EntraScimError);
    expect((err as EntraScimError).response).toMatchObject({ status: 401, body: { status: '401' } });
  });

  it('queries, then creates with app roles (highest wins), and finds the user by each matching attribute', async () => {
    const objectId = randomUUID();
    const user = {
      userPrincipalName: upn('ada', dialect),
      objectId,
      givenName: 'Ada',
      surname: 'Byron',
      displayName: 'Ada Byron',
      appRoles: ['Auditor', 'Admin'],
    };
    const created = await entra.provisionUser(user);
    expect(created).toMatchObject({
      userName: user.userPrincipalName,
      externalId: objectId,
      active: true,
      roles: [{ value: 'admin', display: 'Admin', primary: true }],
    });
    expect(await memberRow(created.id)).toMatchObject({
      role: 'admin',
      role_source: 'scim',
      scim_role: 'admin',
      scim_roles: ['admin', 'auditor'],
    });
    // The role reads back as one of the Role entitlements (/Roles ids are the role keys).
    const roles = (await t.as('GET', '/Roles')).body.Resources.map((r: { id: string }) => r.id);
    expect(roles).toContain(created.roles[0].value);

    // Entra's next cycle matches instead of creating twice.
    expect((await entra.provisionUser(user)).id).toBe(created.id);
    for (const filter of [
      `userName eq "${user.userPrincipalName.toUpperCase()}"`,
      `externalId eq "${objectId}"`,
      `emails[type eq "work"].value eq "${user.userPrincipalName}"`,
      `userName eq "${user.userPrincipalName}" and active eq true`,
    ]) {
      const found = await entra.queryUsers(filter);
      expect(found.totalResults, filter).toBe(1);
      expect(found.Resources[0].id, filter).toBe(created.id);
    }
    expect((await entra.queryUsers(`externalId eq "${objectId.toUpperCase()}"`)).totalResults).toBe(0);
  });

  it('adds and removes app role assignments; the highest remaining wins; each change is audited', async () => {
    const u = await entra.provisionUser({ userPrincipalName: upn('bo', dialect), appRoles: ['backup_operator'] });
    const added = await entra.addRoles(u.id, 'admin', 'auditor');
    expect(added.roles).toEqual([{ value: 'admin', display: 'Admin', primary: true }]);
    expect(await memberRow(u.id)).toMatchObject({ role: 'admin', scim_roles: ['admin', 'backup_operator', 'auditor'] });

    // Entra re-sends an assignment we already hold when it compares: a no-op, not audited (see below).
    expect((await entra.addRoles(u.id, 'Admin')).roles[0].value).toBe('admin');

    const removed = await entra.removeRoles(u.id, 'admin');
    expect(removed.roles[0].value).toBe('backup_operator');
    const replaced = await entra.replaceRoles(u.id, 'Read only');
    expect(replaced.roles[0].value).toBe('read_only');
    expect(await memberRow(u.id)).toMatchObject({ role: 'read_only', scim_roles: ['read_only'] });

    const audit = await auditOf(u.id);
    expect(audit.map((a) => a.action)).toEqual([
      'member.provisioned',
      'member.updated',
      'member.role_changed',
      'member.updated',
      'member.role_changed',
      'member.updated',
      'member.role_changed',
    ]);
    expect(audit.filter((a) => a.action === 'member.role_changed').map((a) => a.data)).toEqual([
      { from: 'backup_operator', to: 'admin', via: 'scim' },
      { from: 'admin', to: 'backup_operator', via: 'scim' },
      { from: 'backup_operator', to: 'read_only', via: 'scim' },
    ]);
    expect(audit[1]!.data).toMatchObject({
      changed: ['roles'],
      roles: { from: ['backup_operator'], to: ['admin', 'backup_operator', 'auditor'] },
    });
    for (const a of audit)
      expect(a).toMatchObject({
        actor_type: 'scim',
        actor_id: t.tokenId,
        actor_label: 'Microsoft.AAD.Provisioning/1.0',
      });
  });

  it('refuses an unknown app role with 400 invalidValue and changes nothing', async () => {
    const u = await entra.provisionUser({ userPrincipalName: upn('cy', dialect), appRoles: ['auditor'] });
    const before = await memberRow(u.id);
    const auditBefore = (await auditOf(u.id)).length;
    const err = await entra.addRoles(u.id, 'admin', 'Role1234').catch((e: EntraScimError) => e);
    expect(err).toBeInstanceOf(EntraScimError);
    expect((err as EntraScimError).response.status).toBe(400);
    expect((err as EntraScimError).response.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidValue',
      detail: expect.stringContaining('Role1234'),
    });
    expect(await memberRow(u.id)).toEqual(before);
    expect(await auditOf(u.id)).toHaveLength(auditBefore);
    // Nor is anyone created with one.
    const create = await entra
      .provisionUser({ userPrincipalName: upn('dee', dialect), appRoles: ['Owner'] })
      .catch((e: EntraScimError) => e);
    expect((create as EntraScimError).response.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await entra.queryUsers(`userName eq "${upn('dee', dialect)}"`)).totalResults).toBe(0);
  });

  it('updates a profile the way the dialect sends it, ignoring enterprise attributes', async () => {
    const u = await entra.provisionUser({ userPrincipalName: upn('eli', dialect), givenName: 'Eli', surname: 'Ng' });
    const mail = upn('eli.ng', dialect);
    const r = await entra.updateUser(u.id, { givenName: 'Elias', surname: 'Ngo', mail, department: 'Finance' });
    expect(r).toMatchObject({ name: { givenName: 'Elias', familyName: 'Ngo' }, emails: [{ value: mail }] });
    expect(await memberRow(u.id)).toMatchObject({ given_name: 'Elias', family_name: 'Ngo', email: mail });
  });

  it('soft-deletes (every credential revoked, still readable), reactivates, soft-deletes again, then hard-deletes', async () => {
    const u = await entra.provisionUser({ userPrincipalName: upn('fin', dialect), appRoles: ['admin'] });
    await giveCredentials(u.id);
    expect(await credentialsOf(u.id)).toEqual([1, 1, 1]);
    const epoch = (await memberRow(u.id))!.token_epoch;

    const off = await entra.setActive(u.id, false);
    expect(off).toMatchObject({ id: u.id, active: false });
    expect(await credentialsOf(u.id)).toEqual([0, 0, 0]);
    const row = (await memberRow(u.id))!;
    expect(row).toMatchObject({ active: false, token_epoch: epoch + 1, role: 'admin' });
    expect(row.deactivated_at).toBeInstanceOf(Date);
    expect((await entra.getUser(u.id)).active).toBe(false);
    const byName = await entra.queryUsers(`userName eq "${u.userName}"`);
    expect(byName.Resources).toMatchObject([{ id: u.id, active: false }]);

    const on = await entra.setActive(u.id, true);
    expect(on).toMatchObject({ id: u.id, active: true });
    expect((await memberRow(u.id))!.deactivated_at).toBeNull();
    await entra.setActive(u.id, false);

    const del = await entra.deleteUser(u.id);
    expect(del.status).toBe(204);
    expect(await memberRow(u.id)).toBeUndefined();
    const again = await entra.deleteUser(u.id).catch((e: EntraScimError) => e);
    expect((again as EntraScimError).response).toMatchObject({ status: 404, body: { status: '404' } });
    expect((await entra.queryUsers(`userName eq "${u.userName}"`)).totalResults).toBe(0);

    expect((await auditOf(u.id)).map((a) => a.action)).toEqual([
      'member.provisioned',
      'member.credentials_revoked',
      'member.deactivated',
      'member.reactivated',
      'member.credentials_revoked',
      'member.deactivated',
      'member.deleted',
    ]);
  });

  it('pushes a group matched by displayName without members, then adds and removes members', async () => {
    const a = await entra.provisionUser({ userPrincipalName: upn('gia', dialect) });
    const b = await entra.provisionUser({ userPrincipalName: upn('hal', dialect) });
    const name = `Butterfly Operators ${dialect}`;
    const g = await entra.provisionGroup(name, [a.id, b.id]);
    // Its next cycle matches the group by displayName (any case), members left out of the answer.
    const matched = await entra.provisionGroup(name.toLowerCase(), []);
    expect(matched.id).toBe(g.id);
    expect(matched).not.toHaveProperty('members');
    expect((await entra.getGroup(g.id, '?excludedAttributes=members')).members).toBeUndefined();

    await entra.removeMembers(g.id, a.id);
    const members = await db
      .selectFrom('scim_group_members')
      .select('member_id')
      .where('tenant_id', '=', t.id)
      .where('group_id', '=', g.id)
      .execute();
    expect(members.map((m) => m.member_id)).toEqual([b.id]);
    expect((await entra.getGroup(g.id)).members.map((m: { value: string }) => m.value)).toEqual([b.id]);
  });
});

describe('Entra ID provisioning cannot lock a tenant out or grant more than the IdP said', () => {
  const entra = entraClient(request, t.token);

  it('grants super_admin by display name, but never demotes the last active super_admin', async () => {
    const sa = await entra.provisionUser({ userPrincipalName: 'ivy@globex.test', appRoles: ['Super admin'] });
    expect(sa.roles[0].value).toBe('super_admin');
    // The hand-made owner keeps its role while SCIM says nothing about it ...
    await entra.removeRoles(t.owner.id, 'super_admin');
    expect((await memberRow(t.owner.id))!.role).toBe('super_admin');
    // ... and losing the SCIM-managed super_admin leaves the owner as the last one, whom Entra cannot demote.
    await entra.removeRoles(sa.id, 'super_admin');
    expect((await memberRow(sa.id))!.role).toBe('read_only');
    const demote = await entra.replaceRoles(t.owner.id, 'read_only').catch((e: EntraScimError) => e);
    expect((demote as EntraScimError).response).toMatchObject({ status: 409, body: { status: '409' } });
    const off = await entra.setActive(t.owner.id, false).catch((e: EntraScimError) => e);
    expect((off as EntraScimError).response.status).toBe(409);
    expect(await memberRow(t.owner.id)).toMatchObject({ role: 'super_admin', active: true });
  });
});
