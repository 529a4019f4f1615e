import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../../testing/msw-server.ts';
import { WRITE_SCOPES } from '../catalog.ts';
import { ALL_SCOPES, CUSTOMER_ID, directoryError } from '../test/google-handlers.ts';
import { googleTestClient } from '../test/test-client.ts';

/**
 * What the restore writes send Google and what Google's failures become (msw, Google's documented
 * shapes): only the writable fields of each type, the parent org unit by path, a policy's target
 * and setting under v1beta1; a create never sent twice after a 5xx, an update is; throttling waited
 * out; refusals as stable codes.
 */
const server = useMswServer();

const DIR = `https://admin.googleapis.com/admin/directory/v1`;
const CI = 'https://cloudidentity.googleapis.com';
type Seen = { method: string; url: string; body: unknown };

function setup(answer: (s: Seen) => Response | Promise<Response>) {
  const { client } = googleTestClient(
    server,
    { delegated: [...new Set([...ALL_SCOPES, ...WRITE_SCOPES])] },
    { purpose: 'restore' },
  );
  const seen: Seen[] = [];
  const record = async ({ request }: { request: Request }) => {
    const text = await request.text();
    const s = { method: request.method, url: request.url, body: text ? JSON.parse(text) : undefined };
    seen.push(s);
    return answer(s);
  };
  // Ahead of the customer's own handlers (msw tries the latest `use` first).
  server.use(
    http.post(/googleapis\.com\/(admin|v1beta1|groups)/, record),
    http.patch(/googleapis\.com\/(admin|v1beta1|groups)/, record),
    http.delete(/googleapis\.com\/(admin|v1beta1|groups)/, record),
  );
  return { client, seen };
}
const ok = (body: unknown = {}) => HttpResponse.json(body as never);
const error = (status: number, reason: string) => HttpResponse.json(directoryError(status, reason, 'No.'), { status });

describe('Google write bodies', () => {
  it('creates an org unit with its parent by path, none of Google’s own fields, and reports the new bare id', async () => {
    const { client, seen } = setup(() =>
      ok({ orgUnitId: 'id:03ph8a2z9new', orgUnitPath: '/Sales/EMEA', name: 'EMEA' }),
    );
    const made = await client.writeObject(
      { type: 'orgUnit', id: '03ph8a2zold' },
      {
        kind: 'create',
        body: {
          kind: 'admin#directory#orgUnit',
          etag: '"e"',
          name: 'EMEA',
          description: 'Europe',
          orgUnitPath: '/Sales/EMEA',
          orgUnitId: 'id:03ph8a2zold',
          parentOrgUnitPath: '/Sales',
          parentOrgUnitId: 'id:03ph8a2zsales',
        },
      },
    );
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${DIR}/customer/${CUSTOMER_ID}/orgunits`,
        body: { name: 'EMEA', description: 'Europe', parentOrgUnitPath: '/Sales' },
      },
    ]);
    expect(made?.id).toBe('03ph8a2z9new');
  });

  it('updates and deletes an org unit addressed as id:…, a delete of what is gone being done', async () => {
    const { client, seen } = setup((s) => (s.method === 'DELETE' ? error(404, 'notFound') : ok({})));
    await client.writeObject(
      { type: 'orgUnit', id: '03ph' },
      { kind: 'update', body: { name: 'X', orgUnitPath: '/X' } },
    );
    await client.writeObject({ type: 'orgUnit', id: '03ph' }, { kind: 'delete' });
    expect(seen.map((s) => `${s.method} ${s.url} ${JSON.stringify(s.body ?? null)}`)).toEqual([
      `PATCH ${DIR}/customer/${CUSTOMER_ID}/orgunits/id%3A03ph {"name":"X"}`,
      `DELETE ${DIR}/customer/${CUSTOMER_ID}/orgunits/id%3A03ph null`,
    ]);
  });

  it('creates a policy under v1beta1 with its target and setting, the new id from the Operation', async () => {
    const { client, seen } = setup(() =>
      ok({ name: 'operations/o1', done: true, response: { '@type': 'x', name: 'policies/newp', type: 'ADMIN' } }),
    );
    const made = await client.writeObject(
      { type: 'policy', id: 'oldp' },
      {
        kind: 'create',
        body: {
          name: 'policies/oldp',
          customer: `customers/${CUSTOMER_ID}`,
          policyQuery: { orgUnit: 'orgUnits/03ph', query: 'entity.org_units.exists(…)', sortOrder: 1 },
          setting: { type: 'settings/security.password', value: { minimumLength: 12 } },
          type: 'ADMIN',
        },
      },
    );
    expect(seen[0]).toEqual({
      method: 'POST',
      url: `${CI}/v1beta1/policies`,
      body: {
        customer: `customers/${CUSTOMER_ID}`,
        policyQuery: { orgUnit: 'orgUnits/03ph', sortOrder: 1 },
        setting: { type: 'settings/security.password', value: { minimumLength: 12 } },
      },
    });
    expect(made?.id).toBe('newp');
  });

  it('patches a policy’s setting only; a role assignment of the customer names no org unit; group settings are strings', async () => {
    const { client, seen } = setup(() => ok({ roleAssignmentId: '77', name: 'policies/p1' }));
    await client.writeObject(
      { type: 'policy', id: 'p1' },
      {
        kind: 'update',
        body: {
          policyQuery: { orgUnit: 'orgUnits/03ph' },
          setting: { type: 'settings/security.session_controls', value: { webSessionDuration: '43200s' } },
        },
      },
    );
    await client.writeObject(
      { type: 'roleAssignment', id: 'old' },
      {
        kind: 'create',
        body: {
          roleAssignmentId: 'old',
          kind: 'k',
          roleId: '9',
          assignedTo: 'u1',
          scopeType: 'CUSTOMER',
          orgUnitId: '',
        },
      },
    );
    await client.writeObject(
      { type: 'group.settings', id: 'g1' },
      {
        kind: 'update',
        body: {
          kind: 'groupsSettings#groups',
          email: 'eng@initech.example',
          whoCanJoin: 'INVITED_CAN_JOIN',
          maxMessageBytes: 5,
        },
      },
    );
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      [
        'PATCH',
        `${CI}/v1beta1/policies/p1`,
        { setting: { type: 'settings/security.session_controls', value: { webSessionDuration: '43200s' } } },
      ],
      [
        'POST',
        `${DIR}/customer/${CUSTOMER_ID}/roleassignments`,
        { roleId: '9', assignedTo: 'u1', scopeType: 'CUSTOMER' },
      ],
      [
        'PATCH',
        'https://www.googleapis.com/groups/v1/groups/eng%40initech.example?alt=json',
        { whoCanJoin: 'INVITED_CAN_JOIN' },
      ],
    ]);
  });
});

describe('Google write failures', () => {
  const group = { email: 'eng@initech.example', name: 'Eng', id: 'old', etag: '"e"', directMembersCount: '3' };

  it('does not send a create again after a 5xx, and says so with a stable code', async () => {
    const { client, seen } = setup(() => error(503, 'backendError'));
    const e = await client.writeObject({ type: 'group', id: 'old' }, { kind: 'create', body: group }).catch((x) => x);
    expect(e).toMatchObject({ name: 'GoogleWriteError', code: 'UNAVAILABLE' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual({ email: 'eng@initech.example', name: 'Eng' });
  });

  it('sends an update again after a 5xx, and waits out a quota answer before a create', async () => {
    let n = 0;
    const patch = setup(() => (n++ === 0 ? error(502, 'backendError') : ok({})));
    await patch.client.writeObject({ type: 'group', id: 'g1' }, { kind: 'update', body: group });
    expect(patch.seen).toHaveLength(2);
    let m = 0;
    const post = setup(() => (m++ === 0 ? error(403, 'userRateLimitExceeded') : ok({ id: 'new', email: group.email })));
    const made = await post.client.writeObject({ type: 'group', id: 'old' }, { kind: 'create', body: group });
    expect(made?.id).toBe('new');
    expect(post.seen).toHaveLength(2);
  });

  it('maps a duplicate, a bad request and a refusal to their codes', async () => {
    const dup = await setup(() => error(409, 'duplicate'))
      .client.writeObject({ type: 'group', id: 'old' }, { kind: 'create', body: group })
      .catch((x) => x);
    expect(dup).toMatchObject({ code: 'CONFLICT', status: 409, reason: 'duplicate' });
    expect(dup.errorSummary).toContain('No.');
    const bad = await setup(() => error(400, 'invalid'))
      .client.writeObject({ type: 'role', id: 'r' }, { kind: 'update', body: { roleName: 'x', isSystemRole: false } })
      .catch((x) => x);
    expect(bad).toMatchObject({ code: 'INVALID', status: 400 });
    const denied = await setup(() => error(403, 'forbidden'))
      .client.writeObject({ type: 'role', id: 'r' }, { kind: 'delete' })
      .catch((x) => x);
    expect(denied).toMatchObject({
      code: 'MISSING_PERMISSION',
      scope: 'https://www.googleapis.com/auth/admin.directory.rolemanagement',
    });
  });

  it('refuses what the API cannot write without a request', async () => {
    const { client, seen } = setup(() => ok());
    for (const [type, kind] of [
      ['domain', 'create'],
      ['customer', 'update'],
      ['roleAssignment', 'update'],
      ['inboundSamlSsoProfile', 'create'],
    ] as const) {
      const e = await client.writeObject({ type, id: 'x' }, { kind, body: {} }).catch((x) => x);
      expect(e, type).toMatchObject({ code: 'UNSUPPORTED' });
    }
    expect(seen).toEqual([]);
  });
});
