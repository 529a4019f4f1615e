import { describe, expect, it } from 'vitest';
import { oktaUser, patchOp, useScimServer } from './testing/harness.ts';

const { request, tenant } = await useScimServer();
const t = await tenant();

const expectError = (r: { status: number; body: any; headers: Headers }, status: number) => {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  expect(r.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
  expect(r.body.detail).toEqual(expect.any(String));
};

// shared/spec/scim.md "Reference test flows": what Okta's SCIM test suite runs, in order.
describe("Okta's SPEC test sequence", () => {
  let first: any;
  let created: any;
  const user = oktaUser('Spec.Tester@Globex.test');

  it('1. lists one user with integers and the fields Okta reads', async () => {
    await t.as('POST', '/Users', oktaUser());
    const r = await t.as('GET', '/Users?count=1&startIndex=1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(r.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect(Number.isInteger(r.body.totalResults) && r.body.totalResults >= 2).toBe(true);
    first = r.body.Resources[0];
    expect(first).toMatchObject({ id: expect.any(String), userName: expect.any(String), active: true });
    expect(first.name).toHaveProperty('givenName');
    expect(first.name).toHaveProperty('familyName');
    expect(first.emails[0].value).toEqual(expect.any(String));
  });

  it('2. gets that user by id', async () => {
    const r = await t.as('GET', `/Users/${first.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(first);
    expect(r.headers.get('etag')).toBe(first.meta.version);
  });

  it('3. filters on a userName that does not exist: 200, totalResults 0', async () => {
    const r = await t.as(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "nobody-here@globex.test"')}&startIndex=1&count=100`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1, itemsPerPage: 0 });
  });

  it('4. answers an unknown id with 404 and an Error body', async () => {
    expectError(await t.as('GET', '/Users/010101010-00000-0000-0000-000000000000'), 404);
    expectError(await t.as('GET', `/Users/${crypto.randomUUID()}`), 404);
  });

  it('5. creates a user posted as application/json: 201, Location, echoed fields, never the password', async () => {
    const r = await t.as('POST', '/Users', user, { 'Content-Type': 'application/json' });
    expect(r.status).toBe(201);
    created = r.body;
    expect(created).toMatchObject({
      active: true,
      userName: user.userName,
      name: user.name,
      externalId: user.externalId,
      displayName: 'Ann Lee',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('location')).toBe(`https://butterfly.test/scim/v2/Users/${created.id}`);
    expect(created.meta).toMatchObject({
      resourceType: 'User',
      location: r.headers.get('location'),
      version: r.headers.get('etag'),
    });
    expect(JSON.stringify(created)).not.toContain(user.password);
    expect(created.roles).toEqual([{ value: 'read_only', display: 'Read only', primary: true }]);
  });

  it('6. gets it back with the same values', async () => {
    const r = await t.as('GET', `/Users/${created.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(created);
  });

  it('7. refuses the same userName again with 409 uniqueness', async () => {
    const r = await t.as('POST', '/Users', { ...user, userName: user.userName.toUpperCase(), emails: [] });
    expectError(r, 409);
    expect(r.body.scimType).toBe('uniqueness');
  });

  it('8. finds the user by the upper-cased userName', async () => {
    const r = await t.as('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName.toUpperCase()}"`)}`);
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources[0].id).toBe(created.id);
  });

  it('9. lists groups', async () => {
    const started = performance.now();
    const r = await t.as('GET', '/Groups');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ totalResults: 0, Resources: [] });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('10. answers a wrong Authorization header with 401 and an Error body', async () => {
    expectError(await request('GET', '/scim/v2/Users', { token: 'bfys_wrong' }), 401);
    expectError(await request('GET', '/scim/v2/Users'), 401);
    expectError(await request('GET', '/scim/v2/Users', { headers: { Authorization: t.token } }), 401);
    expectError(await request('GET', '/scim/v2/Users', { headers: { Authorization: `Basic ${t.token}` } }), 401);
    expect((await request('GET', '/scim/v2/Users', { headers: { Authorization: `bearer ${t.token}` } })).status).toBe(
      200,
    );
  });
});

describe("11. Okta's CRUD lifecycle", () => {
  it('assign, profile edit, deactivate, reactivate, unassign', async () => {
    const body = oktaUser();
    const assigned = await t.as('POST', '/Users', body);
    expect(assigned.status).toBe(201);
    const id = assigned.body.id;
    expect(
      (await t.as('GET', `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}`)).body.Resources[0].id,
    ).toBe(id);

    const edited = await t.as('PUT', `/Users/${id}`, {
      ...body,
      id,
      name: { givenName: 'Annabel', familyName: 'Lee' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.name.givenName).toBe('Annabel');
    expect(edited.body.meta.version).not.toBe(assigned.body.meta.version);

    const off = await t.as('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { active: false } }));
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id, active: false, name: { givenName: 'Annabel' } });
    expect((await t.as('GET', `/Users/${id}`)).body.active).toBe(false);

    const on = await t.as('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { active: true } }));
    expect(on.body).toMatchObject({ id, active: true });

    // Unassigning in Okta deactivates: the user stays, inactive, under the same id.
    const unassigned = await t.as('PATCH', `/Users/${id}`, patchOp({ op: 'replace', value: { active: false } }));
    expect(unassigned.body).toMatchObject({ id, active: false });
    expect((await t.as('GET', `/Users/${id}`)).status).toBe(200);
  });
});
