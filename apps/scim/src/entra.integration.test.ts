import { describe, expect, it } from 'vitest';
import { oktaUser, patchOp, useScimServer } from './testing/harness.ts';

const { db, tenant } = await useScimServer();
const t = await tenant();
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** What Entra ID's provisioning service sends to create a user (its default attribute mapping). */
const entraUser = (upn: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  externalId: 'b6f1c6a4-entra-object-id',
  userName: upn,
  active: true,
  displayName: 'Ben Ode',
  title: 'Engineer',
  emails: [{ primary: true, type: 'work', value: upn }],
  preferredLanguage: 'en-GB',
  name: { formatted: 'Ben Ode', familyName: 'Ode', givenName: 'Ben' },
  phoneNumbers: [{ type: 'work', value: '+44 20 7946 0000' }],
  addresses: [{ type: 'work', formatted: '1 Main St', primary: true }],
  [ENTERPRISE]: { employeeNumber: '42', department: 'R&D', manager: { value: 'mgr' } },
});

describe('Entra ID dialects', () => {
  it('accepts its POST with enterprise and unkept attributes, echoing only what is kept', async () => {
    const r = await t.as('POST', '/Users', entraUser('ben@globex.test'));
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual([
      'active',
      'displayName',
      'emails',
      'externalId',
      'id',
      'meta',
      'name',
      'roles',
      'schemas',
      'userName',
    ]);
    expect(r.body.name).toEqual({ givenName: 'Ben', familyName: 'Ode' });
  });

  it('applies the classic dialect: capitalised ops, "False" strings, value-filter paths, enterprise paths', async () => {
    const { body: u } = await t.as('POST', '/Users', entraUser('carla@globex.test'));
    const r = await t.as(
      'PATCH',
      `/Users/${u.id}`,
      patchOp(
        { op: 'Replace', path: 'displayName', value: 'Carla Diaz' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'carla.diaz@globex.test' },
        { op: 'Replace', path: 'name.givenName', value: 'Carla' },
        { op: 'Replace', path: 'name.familyName', value: 'Diaz' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Finance' },
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: { value: 'someone' } },
        { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555' },
        { op: 'Replace', path: 'active', value: 'False' },
      ),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: u.id,
      displayName: 'Carla Diaz',
      name: { givenName: 'Carla', familyName: 'Diaz' },
      emails: [{ value: 'carla.diaz@globex.test', type: 'work', primary: true }],
      active: false,
    });
    const row = await db
      .selectFrom('members')
      .select(['email', 'active'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: 'carla.diaz@globex.test', active: false });
    const back = await t.as('PATCH', `/Users/${u.id}`, patchOp({ op: 'Replace', path: 'active', value: 'True' }));
    expect(back.body.active).toBe(true);
  });

  it('applies the newer dialect: path-less values with dotted keys', async () => {
    const { body: u } = await t.as('POST', '/Users', entraUser('dan@globex.test'));
    const r = await t.as(
      'PATCH',
      `/Users/${u.id}`,
      patchOp({
        op: 'replace',
        value: {
          'name.givenName': 'Daniel',
          'name.familyName': 'Ek',
          displayName: 'Daniel Ek',
          active: false,
          [`${ENTERPRISE}:department`]: 'Ops',
        },
      }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: { givenName: 'Daniel', familyName: 'Ek' },
      displayName: 'Daniel Ek',
      active: false,
    });
  });

  it('sets the role through an app-role path, and removes a group member with a value list', async () => {
    const { body: u } = await t.as('POST', '/Users', entraUser('eve@globex.test'));
    const role = await t.as(
      'PATCH',
      `/Users/${u.id}`,
      patchOp({ op: 'Add', path: 'roles', value: [{ primary: 'True', value: 'backup_operator' }] }),
    );
    expect(role.body.roles).toEqual([{ value: 'backup_operator', display: 'Backup operator', primary: true }]);
    const role2 = await t.as(
      'PATCH',
      `/Users/${u.id}`,
      patchOp({ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'auditor' }),
    );
    expect(role2.body.roles[0].value).toBe('auditor');

    const g = await t.as('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Entra Readers',
      members: [{ value: u.id }],
    });
    const removed = await t.as(
      'PATCH',
      `/Groups/${g.body.id}`,
      patchOp({ op: 'Remove', path: 'members', value: [{ value: u.id }] }),
    );
    expect(removed.status).toBe(200);
    expect(removed.body.members ?? []).toEqual([]);
  });

  it('refuses a path outside the schemas with invalidPath and writes nothing', async () => {
    const { body: u } = await t.as('POST', '/Users', entraUser('fay@globex.test'));
    const r = await t.as(
      'PATCH',
      `/Users/${u.id}`,
      patchOp(
        { op: 'Replace', path: 'displayName', value: 'Changed' },
        { op: 'Add', path: 'favouriteColour', value: 'blue' },
      ),
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status: '400', scimType: 'invalidPath' });
    expect((await t.as('GET', `/Users/${u.id}`)).body).toEqual(u);
    const urn = await t.as(
      'PATCH',
      `/Users/${u.id}`,
      patchOp({ op: 'Add', path: 'urn:example:custom:User:colour', value: 'x' }),
    );
    expect(urn.body.scimType).toBe('invalidPath');
    const badFilter = await t.as(
      'PATCH',
      `/Users/${u.id}`,
      patchOp({ op: 'Replace', path: 'emails[type eq].value', value: 'x' }),
    );
    expect(badFilter.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });

  it('lists groups by displayName with excludedAttributes=members', async () => {
    const { body: u } = await t.as('POST', '/Users', oktaUser());
    await t.as('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Entra Admins',
      members: [{ value: u.id }],
    });
    const r = await t.as(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "entra admins"')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources[0]).toMatchObject({ displayName: 'Entra Admins' });
    expect(r.body.Resources[0]).not.toHaveProperty('members');
    const one = await t.as('GET', `/Groups/${r.body.Resources[0].id}?excludedAttributes=members`);
    expect(one.body).not.toHaveProperty('members');
  });
});
