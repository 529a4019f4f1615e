import type { IdpLogEvent } from '@butterfly/domain/idp';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../testing/msw-server.ts';
import { targetType } from './audit-events.ts';
import { EntraMissingPermissionError } from './errors.ts';
import type { TenantOptions } from './test/graph-handlers.ts';
import { testClient } from './test/test-client.ts';

const server = useMswServer();

const POLICY = '7a1b2c3d-0000-4000-8000-00000000ca01';
const GROUP = '7a1b2c3d-0000-4000-8000-0000000000g1';
const USER = '7a1b2c3d-0000-4000-8000-0000000000u1';

/** A `directoryAudit` as Graph v1.0 returns it (Microsoft's documented example, trimmed ids). */
function audit(n: number, at: string, over: Record<string, unknown> = {}) {
  return {
    id: `Directory_${n}`,
    category: 'UserManagement',
    correlationId: `da159bfb-54fa-4092-8a41-2b2c1f0d${String(n).padStart(4, '0')}`,
    result: 'success',
    resultReason: '',
    activityDisplayName: 'Update user',
    activityDateTime: at,
    loggedByService: 'Core Directory',
    operationType: 'Update',
    initiatedBy: {
      app: null,
      user: {
        id: '728309ae-7ef7-4a3f-9e53-51ac1ac2f5e3',
        displayName: null,
        userPrincipalName: 'admin@contoso.com',
        ipAddress: '127.0.0.1',
        userType: null,
        homeTenantId: null,
        homeTenantName: null,
      },
    },
    targetResources: [
      { id: USER, displayName: null, type: 'User', userPrincipalName: 'bob@contoso.com', modifiedProperties: [] },
    ],
    additionalDetails: [{ key: 'UserType', value: 'Member' }],
    ...over,
  };
}

/** Newest first, as Graph lists them; the oldest lies before the window (the filter is widened to whole seconds). */
const AUDITS = [
  audit(5, '2026-12-07T11:59:00.5Z', {
    activityDisplayName: 'Update conditional access policy',
    loggedByService: 'Conditional Access',
    category: 'Policy',
    targetResources: [{ id: POLICY, displayName: 'Block legacy', type: 'Policy', modifiedProperties: [] }],
  }),
  audit(4, '2026-12-07T11:30:00Z', {
    activityDisplayName: 'Add member to group',
    category: 'GroupManagement',
    initiatedBy: {
      user: null,
      app: {
        appId: 'f0e1d2c3-0000-4000-8000-00000000a991',
        displayName: 'HR sync',
        servicePrincipalId: 'f0e1d2c3-0000-4000-8000-00000000a5b1',
        servicePrincipalName: null,
      },
    },
    targetResources: [
      { id: USER, type: 'User', modifiedProperties: [] },
      { id: GROUP, type: 'Group', modifiedProperties: [] },
    ],
  }),
  audit(3, '2026-12-07T11:10:00.1234567Z'),
  audit(2, '2026-12-07T11:00:00Z', { targetResources: [{ id: null, type: 'Other' }] }),
  audit(1, '2026-12-07T10:59:59.9Z'),
];

const setup = (t: TenantOptions = {}) =>
  testClient(server, { collections: { '/auditLogs/directoryAudits': AUDITS }, ...t });

const window = { since: new Date('2026-12-07T11:00:00.000Z'), until: new Date('2026-12-07T11:59:00.2Z') };

async function events(client: ReturnType<typeof setup>['client']) {
  const out: IdpLogEvent[] = [];
  for await (const e of client.listLogEvents(window)) out.push(e);
  return out;
}

describe('Entra listLogEvents: directory audits', () => {
  it('pages through auditLogs/directoryAudits by nextLink and maps actors and targets, oldest first', async () => {
    const { client, tenant } = setup({ pageSize: 2 });
    const got = await events(client);
    const urls = tenant.gets('/auditLogs/directoryAudits').map((s) => s.url);
    expect(urls).toHaveLength(3);
    const first = new URL(urls[0]!);
    expect(first.pathname).toBe('/v1.0/auditLogs/directoryAudits');
    // Whole seconds, widened: Graph's DateTimeOffset literal.
    expect(first.searchParams.get('$filter')).toBe(
      'activityDateTime ge 2026-12-07T11:00:00Z and activityDateTime le 2026-12-07T11:59:01Z',
    );
    // Further pages are the nextLinks exactly as sent (opaque skip token).
    expect(urls[1]).toContain('%24skiptoken=');
    expect(client.stats().byEndpoint?.['GET /auditLogs/directoryAudits']?.requests).toBe(3);
    // 11:59:00.5 is after `until` and 10:59:59.9 before `since`: trimmed to the window exactly.
    expect(got.map((e) => e.id)).toEqual(['Directory_2', 'Directory_3', 'Directory_4']);
    expect(got[0]).toEqual({
      id: 'Directory_2',
      published: '2026-12-07T11:00:00Z',
      eventType: 'Update user',
      actor: { id: '728309ae-7ef7-4a3f-9e53-51ac1ac2f5e3', type: 'User', alternateId: 'admin@contoso.com' },
      targets: [],
    });
    expect(got[1]!.targets).toEqual([{ id: USER, type: 'user' }]);
    expect(got[2]).toMatchObject({
      eventType: 'Add member to group',
      actor: {
        id: 'f0e1d2c3-0000-4000-8000-00000000a5b1',
        type: 'ServicePrincipal',
        alternateId: 'f0e1d2c3-0000-4000-8000-00000000a991',
        displayName: 'HR sync',
      },
      targets: [
        { id: USER, type: 'user' },
        { id: GROUP, type: 'group' },
      ],
    });
  });

  it('waits out a 429 through the governor and goes on', async () => {
    const { client, tenant, clock } = setup({ pageSize: 10 });
    tenant.inject('/auditLogs/directoryAudits', {
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
    });
    expect(await events(client)).toHaveLength(3);
    expect(clock.slept).toContain(7000);
    expect(client.stats()).toMatchObject({ rateLimited: 1 });
  });

  it('names AuditLog.Read.All when Graph refuses the read', async () => {
    const { client, tenant } = setup();
    tenant.inject('/auditLogs/directoryAudits', {
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
    });
    const err = await events(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EntraMissingPermissionError);
    expect(err).toMatchObject({ permission: 'AuditLog.Read.All' });
  });

  it('maps Graph target types and OData type names to catalog types', () => {
    expect(targetType('Policy', 'Conditional Access')).toBe('conditionalAccessPolicy');
    expect(targetType('Policy', 'Core Directory')).toBe('Policy');
    expect(targetType('ServicePrincipal')).toBe('servicePrincipal');
    expect(targetType('Role')).toBe('directoryRole');
    expect(targetType('namedLocation')).toBe('namedLocation');
    expect(targetType('unifiedRoleDefinition')).toBe('roleDefinition');
    expect(targetType('Device')).toBe('Device');
  });
});
