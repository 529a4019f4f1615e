import { describe, expect, it } from 'vitest';
import { useMswServer } from '../testing/msw-server.ts';
import { EntraMissingPermissionError } from './errors.ts';
import { GRAPH } from './test/graph-handlers.ts';
import { testClient } from './test/test-client.ts';
import { USER_IDS, tenantData, user } from './test/tenant-fixtures.ts';

const server = useMswServer();

const setup = () => testClient(server, tenantData());
const link = (t: string) => `${GRAPH}/v1.0/users/delta?$deltatoken=${t}`;
const page = (value: unknown[], more: { next?: string; delta?: string }) => ({
  status: 200,
  body: {
    '@odata.context': `${GRAPH}/v1.0/$metadata#users`,
    value,
    ...(more.next ? { '@odata.nextLink': more.next } : {}),
    ...(more.delta ? { '@odata.deltaLink': more.delta } : {}),
  },
});

describe('Entra readChanges (decision 060)', () => {
  it('without a cursor asks for $deltatoken=latest: a link from now, no objects', async () => {
    const { client, tenant } = setup();
    tenant.inject('/users/delta', page([], { delta: link('now') }));
    expect(await client.readChanges!('user', {})).toEqual({
      expired: false,
      changed: [],
      removed: [],
      cursor: link('now'),
    });
    expect(new URL(tenant.gets('/users/delta')[0]!.url).searchParams.get('$deltatoken')).toBe('latest');
  });

  it('follows the delta pages, then reads each changed object whole by id through $batch', async () => {
    const { client, tenant } = setup();
    const [a, b, c] = USER_IDS;
    // Page 1: a changed (only the changed property, as Graph may send), b removed; page 2: c changed, then b again.
    tenant.inject(
      '/users/delta',
      page(
        [
          { id: a, jobTitle: 'x' },
          { id: b, '@removed': { reason: 'deleted' } },
        ],
        {
          next: `${GRAPH}/v1.0/users/delta?$skiptoken=opaque-2`,
        },
      ),
      page([{ id: c, displayName: 'C' }], { delta: link('next') }),
    );
    tenant.inject(`/users/${a}`, {
      status: 200,
      body: { '@odata.context': `${GRAPH}/v1.0/$metadata#users/$entity`, ...user(a!, 0) },
    });
    // c went away between the delta and its read: removed too.
    tenant.inject(`/users/${c}`, {
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound', message: 'gone' } },
    });
    const r = await client.readChanges!('user', { cursor: link('before') });
    expect(r).toEqual({
      expired: false,
      changed: [{ type: 'user', id: a, body: user(a!, 0) }],
      removed: [b, c],
      cursor: link('next'),
    });
    const urls = tenant.gets('/users/delta').map((s) => s.url);
    expect(urls).toEqual([link('before'), `${GRAPH}/v1.0/users/delta?$skiptoken=opaque-2`]);
    expect(tenant.batches().map((s) => s.batch)).toEqual([[`/users/${a}`, `/users/${c}`]]);
  });

  it.each([
    [410, 'resyncRequired'],
    [400, 'syncStateNotFound'],
  ])('an expired link (%i %s) is { expired: true }, not an error', async (status, code) => {
    const { client, tenant } = setup();
    tenant.inject('/users/delta', { status, body: { error: { code, message: 'The delta token is expired.' } } });
    expect(await client.readChanges!('user', { cursor: link('old') })).toEqual({ expired: true });
  });

  it('other failures stay errors (a missing permission names it)', async () => {
    const { client, tenant } = setup();
    tenant.inject('/users/delta', {
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
    });
    const err = await client.readChanges!('user', { cursor: link('old') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraMissingPermissionError);
    await expect(client.readChanges!('conditionalAccessPolicy', {})).rejects.toThrow(/no delta query/);
  });

  it('the catalog marks the delta types as change feeds', () => {
    const { client } = setup();
    expect(
      client
        .objectTypes()
        .filter((t) => t.changeFeed)
        .map((t) => t.type)
        .sort(),
    ).toEqual([
      'administrativeUnit',
      'application',
      'directoryRole',
      'group',
      'oauth2PermissionGrant',
      'servicePrincipal',
      'user',
    ]);
  });
});
