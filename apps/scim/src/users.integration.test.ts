import { randomUUID } from 'node:crypto';
import { sql } from '@butterfly/db';
import { hashSecret } from '@butterfly/domain/credentials';
import { describe, expect, it } from 'vitest';
import { TenantWriteGate } from './tenant-gate.ts';
import { oktaUser, patchOp, useScimServer, withRole } from './testing/harness.ts';

// A gate as wide as the race below: 20 writes at once, as 20 SCIM processes would send them.
const { db, tenant } = await useScimServer({ writeGate: new TenantWriteGate(32) });
const t = await tenant();

const memberRow = (id: string) => db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditOf = (targetId: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'actor_type', 'actor_id', 'actor_label', 'data'])
    .where('target_id', '=', targetId)
    .orderBy('seq')
    .execute();

describe('SCIM users', () => {
  it('creates exactly one member when 20 POSTs of one userName race', async () => {
    const body = oktaUser('race@globex.test');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.as('POST', '/Users', { ...body, userName: i % 2 ? 'RACE@globex.test' : body.userName }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(19);
    for (const c of conflicts) expect(c.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const { n } = (
      await sql<{
        n: number;
      }>`select count(*)::int as n from members where tenant_id = ${t.id} and lower(user_name) = 'race@globex.test'`.execute(
        db,
      )
    ).rows[0]!;
    expect(n).toBe(1);
  });

  it('deactivation keeps the member, ends every session and token in the same transaction, and is audited as the SCIM client', async () => {
    const created = (await t.as('POST', '/Users', oktaUser())).body;
    const other = (await t.as('POST', '/Users', oktaUser())).body;
    const future = new Date(Date.now() + 3600_000);
    for (const who of [created.id, other.id]) {
      await db
        .insertInto('sessions')
        .values({
          tenant_id: t.id,
          member_id: who,
          token_hash: hashSecret(`s-${who}`),
          idle_expires_at: future,
          expires_at: future,
        })
        .execute();
      await db
        .insertInto('refresh_tokens')
        .values({
          tenant_id: t.id,
          member_id: who,
          client_id: 'butterfly-extension',
          token_hash: hashSecret(`r-${who}`),
          family_id: randomUUID(),
          expires_at: future,
        })
        .execute();
      await db
        .insertInto('api_tokens')
        .values({ tenant_id: t.id, member_id: who, name: 'ci', prefix: 'bfy_abcd', token_hash: hashSecret(`a-${who}`) })
        .execute();
    }
    const before = await memberRow(created.id);

    // All or nothing: a deactivation that fails (its new userName is taken) revokes nothing.
    const clash = await t.as(
      'PATCH',
      `/Users/${created.id}`,
      patchOp({ op: 'replace', value: { active: false, userName: other.userName.toUpperCase() } }),
    );
    expect(clash.status).toBe(409);
    expect(await memberRow(created.id)).toMatchObject({
      active: true,
      token_epoch: before.token_epoch,
      version: before.version,
    });
    for (const table of ['sessions', 'refresh_tokens', 'api_tokens'] as const) {
      expect(await db.selectFrom(table).select('id').where('member_id', '=', created.id).execute(), table).toHaveLength(
        1,
      );
    }

    const r = await t.as('PATCH', `/Users/${created.id}`, patchOp({ op: 'replace', value: { active: false } }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: created.id, active: false });
    for (const table of ['sessions', 'refresh_tokens', 'api_tokens'] as const) {
      const rows = await db.selectFrom(table).select('member_id').where('tenant_id', '=', t.id).execute();
      expect(
        rows.map((x) => x.member_id),
        table,
      ).toEqual([other.id]);
    }
    const after = await memberRow(created.id);
    expect(after).toMatchObject({ active: false, token_epoch: before.token_epoch + 1 });
    expect(after.deactivated_at).toBeInstanceOf(Date);
    expect(r.headers.get('etag')).toBe(`W/"${after.version}"`);

    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual([
      'member.provisioned',
      'member.credentials_revoked',
      'member.deactivated',
    ]);
    for (const a of audit)
      expect(a).toMatchObject({ actor_type: 'scim', actor_id: t.tokenId, actor_label: 'Okta SCIM Client 1.0.0' });
    expect(audit[1]!.data).toMatchObject({ reason: 'scim.deactivated', sessions: 1, refreshTokens: 1, apiTokens: 1 });

    const back = await t.as('PUT', `/Users/${created.id}`, { ...oktaUser(created.userName), active: true });
    expect(back.body).toMatchObject({ id: created.id, active: true });
    expect((await memberRow(created.id)).deactivated_at).toBeNull();
    expect((await auditOf(created.id)).at(-1)!.action).toBe('member.reactivated');
  });

  it('ignores unknown attributes in POST and PUT and never stores or echoes the password', async () => {
    const body = {
      ...oktaUser(),
      nickName: 'Annie',
      title: 'CFO',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Finance' },
    };
    const r = await t.as('POST', '/Users', {
      ...body,
      schemas: [...body.schemas, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    });
    expect(r.status).toBe(201);
    for (const key of [
      'nickName',
      'title',
      'password',
      'groups',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ])
      expect(r.body).not.toHaveProperty(key);
    const stored = JSON.stringify(await memberRow(r.body.id));
    expect(stored).not.toContain(body.password);
    expect(stored).not.toContain('Finance');
    const put = await t.as('PUT', `/Users/${r.body.id}`, {
      ...body,
      password: 'another-secret',
      profileUrl: 'https://x',
    });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('profileUrl');
  });

  it('sets the role from roles (SCIM-managed), refuses an unknown role or two plain roles without writing; of Entra assignments the highest wins', async () => {
    const r = await t.as('POST', '/Users', { ...oktaUser(), ...withRole('auditor') });
    expect(r.body.roles).toEqual([{ value: 'auditor', display: 'Auditor', primary: true }]);
    expect(await memberRow(r.body.id)).toMatchObject({ role: 'auditor', role_source: 'scim', scim_role: 'auditor' });

    const promoted = await t.as('PUT', `/Users/${r.body.id}`, { ...oktaUser(r.body.userName), ...withRole('admin') });
    expect(promoted.body.roles[0].value).toBe('admin');
    // A profile update that says nothing about roles leaves the role alone.
    const kept = await t.as('PUT', `/Users/${r.body.id}`, oktaUser(r.body.userName));
    expect(kept.body.roles[0].value).toBe('admin');

    const version = (await memberRow(r.body.id)).version;
    for (const roles of [
      [{ value: 'owner' }],
      [{ value: 'admin' }, { value: 'owner' }],
      [{ value: 'admin' }, { value: 'auditor' }],
    ]) {
      const bad = await t.as('PUT', `/Users/${r.body.id}`, { ...oktaUser(r.body.userName), roles });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    }
    const unknownOnCreate = await t.as('POST', '/Users', {
      ...oktaUser('unknown-role@globex.test'),
      roles: [{ value: 'admin' }, { value: 'owner' }],
    });
    expect(unknownOnCreate.status).toBe(400);
    expect(
      await db.selectFrom('members').select('id').where('user_name', '=', 'unknown-role@globex.test').execute(),
    ).toEqual([]);
    expect((await memberRow(r.body.id)).version).toBe(version);

    // scim.md: a plain `roles` value holds one role.
    const plainTwo = await t.as('POST', '/Users', {
      ...oktaUser('two-roles@globex.test'),
      roles: [{ value: 'auditor' }, { value: 'admin' }],
    });
    expect(plainTwo.status).toBe(400);
    // Decision 055: Entra's app role assignments are a set; the highest is the one the user holds.
    const entra = (value: string) => ({
      primary: false,
      type: 'WindowsAzureActiveDirectoryRole',
      display: value,
      value,
    });
    const two = await t.as('POST', '/Users', {
      ...oktaUser('two-roles@globex.test'),
      roles: [entra('auditor'), entra('admin')],
    });
    expect(two.status).toBe(201);
    expect(two.body.roles).toEqual([{ value: 'admin', display: 'Admin', primary: true }]);
    expect(await memberRow(two.body.id)).toMatchObject({ role: 'admin', scim_roles: ['admin', 'auditor'] });
  });

  it('never demotes, deactivates or deletes the last active super_admin, and audits the refusal', async () => {
    const lone = await tenant();
    const lonely = (path: string) => `/Users/${lone.owner.id}${path}`;
    const deactivate = await lone.as('PATCH', lonely(''), patchOp({ op: 'replace', path: 'active', value: false }));
    expect(deactivate.status).toBe(409);
    expect(deactivate.body.detail).toMatch(/last active super_admin/);
    expect((await lone.as('PUT', lonely(''), { ...oktaUser(lone.owner.email), ...withRole('admin') })).status).toBe(
      409,
    );
    expect((await lone.as('DELETE', lonely(''))).status).toBe(409);
    expect(await memberRow(lone.owner.id)).toMatchObject({ role: 'super_admin', active: true });
    const refusals = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_type'])
      .where('tenant_id', '=', lone.id)
      .where('outcome', '=', 'denied')
      .orderBy('seq')
      .execute();
    expect(refusals).toEqual([
      { action: 'member.deactivated', actor_type: 'scim' },
      { action: 'member.role_changed', actor_type: 'scim' },
      { action: 'member.deleted', actor_type: 'scim' },
    ]);

    // With a second super_admin provisioned by the IdP, the first may go.
    await lone.as('POST', '/Users', { ...oktaUser(), ...withRole('super_admin') });
    expect(
      (await lone.as('PUT', lonely(''), { ...oktaUser(lone.owner.email), ...withRole('admin') })).body.roles[0].value,
    ).toBe('admin');
  });

  it('pages in a stable order with startIndex and count, capped at maxResults', async () => {
    const p = await tenant();
    for (let i = 0; i < 5; i++) await p.as('POST', '/Users', oktaUser());
    const all = (await p.as('GET', '/Users?count=1000')).body;
    expect(all).toMatchObject({ totalResults: 6, itemsPerPage: 6, startIndex: 1 });
    const page = (await p.as('GET', '/Users?startIndex=3&count=2')).body;
    expect(page).toMatchObject({ totalResults: 6, itemsPerPage: 2, startIndex: 3 });
    expect(page.Resources.map((u: any) => u.id)).toEqual(all.Resources.slice(2, 4).map((u: any) => u.id));
    expect((await p.as('GET', '/Users?startIndex=50')).body).toMatchObject({
      totalResults: 6,
      itemsPerPage: 0,
      Resources: [],
    });
    expect((await p.as('GET', '/Users?count=0')).body).toMatchObject({ totalResults: 6, itemsPerPage: 0 });
  });

  it('filters on externalId, emails, active and combinations, and deletes with 204', async () => {
    const u = (await t.as('POST', '/Users', oktaUser('filter.me@globex.test', { externalId: '00uFILTER' }))).body;
    const find = async (f: string) =>
      (await t.as('GET', `/Users?filter=${encodeURIComponent(f)}`)).body.Resources.map((x: any) => x.id);
    expect(await find('externalId eq "00uFILTER"')).toEqual([u.id]);
    expect(await find('externalId eq "00ufilter"')).toEqual([]);
    expect(await find('emails[type eq "work"].value eq "FILTER.ME@globex.test"')).toEqual([u.id]);
    expect(await find('emails.value eq "filter.me@globex.test" and active eq true')).toEqual([u.id]);
    expect(await find(`id eq "${u.id}" and (displayName eq "Ann Lee" or userName sw "nobody")`)).toEqual([u.id]);
    expect(await find('userName sw "filter." and not (active eq false)')).toEqual([u.id]);
    expect((await t.as('DELETE', `/Users/${u.id}`)).status).toBe(204);
    expect((await t.as('GET', `/Users/${u.id}`)).status).toBe(404);
    expect((await t.as('DELETE', `/Users/${u.id}`)).status).toBe(404);
  });
});
