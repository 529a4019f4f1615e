import { createScimToken, revokeScimToken } from '@butterfly/domain/scim';
import { describe, expect, it } from 'vitest';
import { oktaUser, patchOp, useScimServer } from './testing/harness.ts';

const { db, deps, request, tenant } = await useScimServer();
const a = await tenant();
const b = await tenant();
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

describe('tenant isolation: the token selects the tenant', () => {
  it("never reads or changes another tenant's users or groups, answering 404", async () => {
    const bob = (await b.as('POST', '/Users', oktaUser('bob@initech.test'))).body;
    const bGroup = (
      await b.as('POST', '/Groups', { schemas: [GROUP], displayName: 'B only', members: [{ value: bob.id }] })
    ).body;
    const before = await db.selectFrom('members').selectAll().where('id', '=', bob.id).executeTakeFirstOrThrow();

    for (const [method, path, body] of [
      ['GET', `/Users/${bob.id}`],
      ['PUT', `/Users/${bob.id}`, oktaUser('bob@initech.test')],
      ['PATCH', `/Users/${bob.id}`, patchOp({ op: 'replace', value: { active: false } })],
      ['DELETE', `/Users/${bob.id}`],
      ['GET', `/Groups/${bGroup.id}`],
      ['PATCH', `/Groups/${bGroup.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Mine' })],
      ['PUT', `/Groups/${bGroup.id}`, { schemas: [GROUP], displayName: 'Mine' }],
      ['DELETE', `/Groups/${bGroup.id}`],
    ] as const) {
      const r = await a.as(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect(await db.selectFrom('members').selectAll().where('id', '=', bob.id).executeTakeFirstOrThrow()).toEqual(
      before,
    );
    expect((await b.as('GET', `/Groups/${bGroup.id}`)).body).toMatchObject({
      displayName: 'B only',
      members: [{ value: bob.id }],
    });

    // Not in lists or filters either, and B's users cannot be put in A's groups.
    const listed = (await a.as('GET', '/Users?count=200')).body.Resources.map((u: any) => u.id);
    expect(listed).not.toContain(bob.id);
    expect((await a.as('GET', `/Users?filter=${encodeURIComponent(`id eq "${bob.id}"`)}`)).body.totalResults).toBe(0);
    expect(
      (await a.as('GET', `/Users?filter=${encodeURIComponent('userName eq "bob@initech.test"')}`)).body.totalResults,
    ).toBe(0);
    expect((await a.as('GET', '/Groups')).body.totalResults).toBe(0);
    const steal = await a.as('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Thieves',
      members: [{ value: bob.id }],
    });
    expect(steal.status).toBe(400);

    // The same userName may exist in both tenants.
    expect((await a.as('POST', '/Users', oktaUser('bob@initech.test'))).status).toBe(201);
  });

  it('stops accepting a revoked token at once, while another token of the tenant keeps working', async () => {
    const second = await createScimToken(deps, a.id, { label: 'rotation' });
    expect(second.token).toMatch(/^bfys_[A-Za-z0-9_-]{43}$/);
    expect((await request('GET', '/scim/v2/Users', { token: second.token })).status).toBe(200);
    await revokeScimToken(deps, a.id, { tokenId: a.tokenId });
    expect((await a.as('GET', '/Users')).status).toBe(401);
    expect((await request('GET', '/scim/v2/Users', { token: second.token })).status).toBe(200);
    // A token of tenant B cannot be revoked through tenant A.
    await expect(revokeScimToken(deps, a.id, { tokenId: b.tokenId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await b.as('GET', '/Users')).status).toBe(200);
  });
});
