import { sql } from '@butterfly/db';
import { describe, expect, it } from 'vitest';
import { oktaUser, patchOp, useScimServer } from './testing/harness.ts';

const { db, origin, request, tenant } = await useScimServer();
const t = await tenant();
const user = (await t.as('POST', '/Users', oktaUser('stable@globex.test'))).body;

const snapshot = async () => {
  const q = (table: string) =>
    sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${t.id}`
      .execute(db)
      .then((r) => r.rows[0]!.n);
  const version = await db.selectFrom('members').select('version').where('id', '=', user.id).executeTakeFirstOrThrow();
  return {
    members: await q('members'),
    groups: await q('scim_groups'),
    audit: await q('audit_events'),
    version: version.version,
  };
};

const raw = (method: string, path: string, body: string | Uint8Array, contentType?: string) =>
  fetch(`${origin}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${t.token}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
    body,
  }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.json() }));

describe('bad input: a 4xx SCIM error, never a 5xx, never a partial write', () => {
  it('refuses malformed JSON, wrong schemas, invalid filters, oversized bodies and wrong content types', async () => {
    const before = await snapshot();
    const big = JSON.stringify({ ...oktaUser(), displayName: 'x'.repeat(1024 * 1024) });
    const cases: [Promise<{ status: number; type: string | null; body: any }>, number, string | undefined][] = [
      [raw('POST', '/Users', '{"schemas": [', 'application/scim+json'), 400, 'invalidSyntax'],
      [raw('POST', '/Users', '[]', 'application/json'), 400, 'invalidSyntax'],
      [
        raw(
          'POST',
          '/Users',
          JSON.stringify({ ...oktaUser(), schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] }),
          'application/scim+json',
        ),
        400,
        'invalidSyntax',
      ],
      [
        raw('POST', '/Users', JSON.stringify({ ...oktaUser(), userName: 42 }), 'application/scim+json'),
        400,
        'invalidValue',
      ],
      [
        raw('POST', '/Users', JSON.stringify({ ...oktaUser(), userName: 'x'.repeat(400) }), 'application/scim+json'),
        400,
        'invalidValue',
      ],
      [
        raw('POST', '/Users', JSON.stringify({ ...oktaUser(), displayName: 'nul\u0000byte' }), 'application/scim+json'),
        400,
        'invalidValue',
      ],
      [
        raw(
          'PATCH',
          `/Users/${user.id}`,
          JSON.stringify({ Operations: [{ op: 'replace', value: { active: false } }] }),
          'application/scim+json',
        ),
        400,
        'invalidSyntax',
      ],
      [raw('PATCH', `/Users/${user.id}`, JSON.stringify(patchOp()), 'application/scim+json'), 400, 'invalidSyntax'],
      [
        raw(
          'PATCH',
          `/Users/${user.id}`,
          JSON.stringify(
            patchOp(
              { op: 'replace', value: { displayName: 'New' } },
              { op: 'replace', path: 'active', value: 'perhaps' },
            ),
          ),
          'application/scim+json',
        ),
        400,
        'invalidValue',
      ],
      [raw('POST', '/Users', big, 'application/scim+json'), 413, undefined],
      [raw('POST', '/Users', JSON.stringify(oktaUser()), 'text/plain'), 415, undefined],
      [raw('POST', '/Users', JSON.stringify(oktaUser())), 415, undefined],
      [raw('PUT', `/Users/${user.id}`, '<user/>', 'application/xml'), 415, undefined],
      [
        request('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq')}`, { token: t.token }).then((r) => ({
          ...r,
          type: r.headers.get('content-type'),
        })),
        400,
        'invalidFilter',
      ],
      [
        request('GET', `/scim/v2/Users?filter=${encodeURIComponent('title eq "CFO"')}`, { token: t.token }).then(
          (r) => ({ ...r, type: r.headers.get('content-type') }),
        ),
        400,
        'invalidFilter',
      ],
      [
        request('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${'\n'.repeat(40)}`)}`, {
          token: t.token,
        }).then((r) => ({ ...r, type: r.headers.get('content-type') })),
        400,
        'invalidFilter',
      ],
      [
        request('GET', `/scim/v2/Groups?filter=${encodeURIComponent('displayName co')}`, { token: t.token }).then(
          (r) => ({ ...r, type: r.headers.get('content-type') }),
        ),
        400,
        'invalidFilter',
      ],
    ];
    for (const [pending, status, scimType] of cases) {
      const r = await pending;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.type).toBe('application/scim+json; charset=utf-8');
      expect(r.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(status),
        detail: expect.any(String),
      });
      if (scimType) expect(r.body.scimType).toBe(scimType);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a body that is too large even without a Content-Length (chunked)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 20) c.enqueue(chunk);
        else c.close();
      },
    });
    const r = await fetch(`${origin}/scim/v2/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/scim+json' },
      body: stream,
      duplex: 'half',
    } as RequestInit).catch((e: Error) => e);
    // The server answers 413 and closes; depending on timing the client sees the 413 or the close.
    if (!(r instanceof Error)) expect(r.status).toBe(413);
    expect((await t.as('GET', '/Users?count=0')).status).toBe(200);
  });

  it('answers unknown endpoints 404 and unsupported methods 405, as SCIM errors', async () => {
    expect((await t.as('GET', '/Nope')).status).toBe(404);
    expect((await t.as('GET', `/Users/${user.id}/extra`)).status).toBe(404);
    const m = await t.as('DELETE', '/Users');
    expect(m.status).toBe(405);
    expect(m.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect((await request('GET', '/elsewhere', { token: t.token })).status).toBe(404);
  });
});

describe('discovery and health', () => {
  it('serves ServiceProviderConfig true to what is implemented', async () => {
    const r = await t.as('GET', '/ServiceProviderConfig');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: false },
      changePassword: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
    });
    expect((await t.as('GET', '/Users?count=500')).body.itemsPerPage).toBeLessThanOrEqual(200);
  });

  it('serves ResourceTypes (User, Group, Role) and Schemas, each also by id', async () => {
    const types = (await t.as('GET', '/ResourceTypes')).body;
    expect(types.Resources.map((x: any) => [x.id, x.endpoint, x.schema])).toEqual([
      ['User', '/Users', 'urn:ietf:params:scim:schemas:core:2.0:User'],
      ['Group', '/Groups', 'urn:ietf:params:scim:schemas:core:2.0:Group'],
      ['Role', '/Roles', 'urn:okta:scim:schemas:core:1.0:Role'],
    ]);
    expect((await t.as('GET', '/ResourceTypes/Role')).body.endpoint).toBe('/Roles');
    const schemas = (await t.as('GET', '/Schemas')).body;
    expect(schemas.Resources.map((x: any) => x.id)).toEqual(types.Resources.map((x: any) => x.schema));
    const userSchema = (await t.as('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).body;
    expect(userSchema.attributes.map((a: any) => a.name)).toEqual([
      'userName',
      'name',
      'displayName',
      'emails',
      'locale',
      'externalId',
      'active',
      'roles',
    ]);
    expect(userSchema.attributes[0]).toMatchObject({ required: true, caseExact: false, uniqueness: 'server' });
    expect((await t.as('GET', '/Schemas/urn:nope')).status).toBe(404);
  });

  it('answers /healthz without authentication, outside the base path', async () => {
    const r = await fetch(`${origin}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
    expect((await request('GET', '/scim/v2/ServiceProviderConfig')).status).toBe(401);
  });
});
