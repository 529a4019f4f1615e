import { setScimGroupRole } from '@butterfly/domain/scim';
import { describe, expect, it } from 'vitest';
import { oktaUser, patchOp, useScimServer, withRole } from './testing/harness.ts';

const { db, deps, tenant } = await useScimServer();
const t = await tenant();
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const newUser = async (extra = {}) => (await t.as('POST', '/Users', { ...oktaUser(), ...extra })).body;
const roleOf = async (id: string) => (await t.as('GET', `/Users/${id}`)).body.roles[0].value;

describe('SCIM groups', () => {
  it('creates, reads, renames, changes members (Okta paths), replaces and deletes', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const created = await t.as('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Engineering',
      externalId: '00g1',
      members: [{ value: a.id }, { value: b.id }],
    });
    expect(created.status).toBe(201);
    const g = created.body;
    expect(created.headers.get('location')).toBe(`https://butterfly.test/scim/v2/Groups/${g.id}`);
    expect(g).toMatchObject({ displayName: 'Engineering', externalId: '00g1', meta: { resourceType: 'Group' } });
    expect(g.members.map((m: any) => m.value).sort()).toEqual([a.id, b.id].sort());
    expect(g.members[0]).toMatchObject({ display: 'Ann Lee', type: 'User', $ref: expect.stringContaining('/Users/') });

    const dup = await t.as('POST', '/Groups', { schemas: [GROUP], displayName: 'ENGINEERING' });
    expect(dup.status).toBe(409);
    expect(dup.body.scimType).toBe('uniqueness');

    const renamed = await t.as(
      'PATCH',
      `/Groups/${g.id}`,
      patchOp({ op: 'replace', value: { id: g.id, displayName: 'Eng' } }),
    );
    expect(renamed.body.displayName).toBe('Eng');
    const added = await t.as(
      'PATCH',
      `/Groups/${g.id}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: c.id }] }),
    );
    expect(added.body.members).toHaveLength(3);
    const removed = await t.as(
      'PATCH',
      `/Groups/${g.id}`,
      patchOp({ op: 'remove', path: `members[value eq "${a.id}"]` }),
    );
    expect(removed.body.members.map((m: any) => m.value).sort()).toEqual([b.id, c.id].sort());
    expect(removed.headers.get('etag')).not.toBe(added.headers.get('etag'));

    const byMember = await t.as('GET', `/Groups?filter=${encodeURIComponent(`members[value eq "${c.id}"]`)}`);
    expect(byMember.body.Resources.map((x: any) => x.id)).toEqual([g.id]);

    const put = await t.as('PUT', `/Groups/${g.id}`, {
      schemas: [GROUP],
      displayName: 'Eng',
      members: [{ value: a.id }],
    });
    expect(put.body.members.map((m: any) => m.value)).toEqual([a.id]);
    expect((await t.as('DELETE', `/Groups/${g.id}`)).status).toBe(204);
    expect((await t.as('GET', `/Groups/${g.id}`)).status).toBe(404);
    expect((await t.as('GET', `/Users/${a.id}`)).status).toBe(200);
  });

  it('refuses unknown member ids without writing', async () => {
    const r = await t.as('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Ghosts',
      members: [{ value: crypto.randomUUID() }],
    });
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe('invalidValue');
    expect(await db.selectFrom('scim_groups').select('id').where('display_name', '=', 'Ghosts').execute()).toEqual([]);
  });

  it('derives roles from mapped groups with precedence over the direct role, recomputed on every change', async () => {
    const u = await newUser(withRole('auditor'));
    const ops = (await t.as('POST', '/Groups', { schemas: [GROUP], displayName: 'Backup Ops' })).body;
    const admins = (await t.as('POST', '/Groups', { schemas: [GROUP], displayName: 'Butterfly Admins' })).body;
    await setScimGroupRole(deps, t.id, { group: 'backup ops', role: 'backup_operator' });
    await setScimGroupRole(deps, t.id, { group: admins.id, role: 'admin' });

    await t.as('PATCH', `/Groups/${ops.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] }));
    expect(await roleOf(u.id)).toBe('backup_operator');
    await t.as('PATCH', `/Groups/${admins.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: u.id }] }));
    expect(await roleOf(u.id)).toBe('admin');
    // A direct role below the group's does not win; above it, it does.
    await t.as('PUT', `/Users/${u.id}`, { ...oktaUser(u.userName), ...withRole('read_only') });
    expect(await roleOf(u.id)).toBe('admin');
    await t.as('PATCH', `/Groups/${admins.id}`, patchOp({ op: 'remove', path: `members[value eq "${u.id}"]` }));
    expect(await roleOf(u.id)).toBe('backup_operator');
    await setScimGroupRole(deps, t.id, { group: ops.id, role: null });
    expect(await roleOf(u.id)).toBe('read_only');
    await setScimGroupRole(deps, t.id, { group: ops.id, role: 'auditor' });
    expect(await roleOf(u.id)).toBe('auditor');
    await t.as('DELETE', `/Groups/${ops.id}`);
    expect(await roleOf(u.id)).toBe('read_only');

    const changes = await db
      .selectFrom('audit_events')
      .select('data')
      .where('target_id', '=', u.id)
      .where('action', '=', 'member.role_changed')
      .execute();
    expect(changes.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses to take super_admin from the last super_admin by group membership', async () => {
    const lone = await tenant();
    const sa = (await lone.as('POST', '/Users', oktaUser())).body;
    const g = (
      await lone.as('POST', '/Groups', { schemas: [GROUP], displayName: 'Owners', members: [{ value: sa.id }] })
    ).body;
    await setScimGroupRole(deps, lone.id, { group: 'Owners', role: 'super_admin' });
    // The hand-made owner steps down; the group's member is now the only super_admin.
    await db.updateTable('members').set({ role: 'admin' }).where('id', '=', lone.owner.id).execute();
    const r = await lone.as(
      'PATCH',
      `/Groups/${g.id}`,
      patchOp({ op: 'remove', path: 'members', value: [{ value: sa.id }] }),
    );
    expect(r.status).toBe(409);
    expect(r.body.detail).toContain('last active super_admin');
    expect((await lone.as('GET', `/Groups/${g.id}`)).body.members).toHaveLength(1);
    expect((await lone.as('DELETE', `/Groups/${g.id}`)).status).toBe(409);
    const denied = await db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('tenant_id', '=', lone.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([
      { action: 'member.role_changed', target_id: sa.id },
      { action: 'member.role_changed', target_id: sa.id },
    ]);
  });
});

describe('SCIM roles', () => {
  it('lists the five roles as Okta entitlements and honours count', async () => {
    const all = await t.as('GET', '/Roles');
    expect(all.body).toMatchObject({ totalResults: 5, itemsPerPage: 5 });
    expect(all.body.Resources.map((r: any) => r.id)).toEqual([
      'super_admin',
      'admin',
      'backup_operator',
      'auditor',
      'read_only',
    ]);
    expect(all.body.Resources[0]).toMatchObject({
      schemas: ['urn:okta:scim:schemas:core:1.0:Role'],
      id: 'super_admin',
      displayName: 'Super admin',
    });
    const one = await t.as('GET', '/Roles?count=1&startIndex=1');
    expect(one.body).toMatchObject({ totalResults: 5, itemsPerPage: 1, startIndex: 1 });
    const second = await t.as('GET', '/Roles?count=1&startIndex=2');
    expect(second.body.Resources[0].id).toBe('admin');
    expect((await t.as('GET', '/Roles/auditor')).body.displayName).toBe('Auditor');
    expect((await t.as('GET', '/Roles/owner')).status).toBe(404);
  });
});
