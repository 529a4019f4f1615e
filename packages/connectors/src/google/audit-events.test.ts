import { type IdpLogEvent, isCredentialRejection } from '@butterfly/domain/idp';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../testing/msw-server.ts';
import { GOOGLE_AUDIT_SCOPE } from './audit-events.ts';
import { ALL_SCOPES, customerData, GROUP_IDS, USER_IDS } from './test/google-handlers.ts';
import { googleTestClient } from './test/test-client.ts';

const server = useMswServer();

let q = 0;
const activity = (time: string, name: string, parameters: Record<string, string>, actor = 'ann@initech.example') => ({
  kind: 'admin#reports#activity',
  id: { time, uniqueQualifier: String(++q), applicationName: 'admin', customerId: 'C03az79cb' },
  actor: { callerType: 'USER', email: actor, profileId: '1001' },
  events: [{ type: 'X', name, parameters: Object.entries(parameters).map(([n, value]) => ({ name: n, value })) }],
});

const setup = (activities: Record<string, unknown>[], delegated?: string[]) =>
  googleTestClient(server, {
    data: { ...customerData(), activities },
    pageSize: 2,
    ...(delegated ? { delegated } : {}),
  });

async function drain<T>(it: AsyncIterable<T>) {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const window = { since: new Date('2026-12-01T00:00:00Z'), until: new Date('2026-12-02T00:00:00Z') };
const targetsOf = (events: IdpLogEvent[]) =>
  events.map((e) => [e.eventType, e.targets.map((t) => `${t.type}:${t.id}`)]);

describe('Google Admin audit log → change attribution (decision 067)', () => {
  const log = [
    activity('2026-11-30T23:59:59.000Z', 'SUSPEND_USER', { USER_EMAIL: 'user2@initech.example' }),
    activity('2026-12-01T09:00:00.000Z', 'SUSPEND_USER', { USER_EMAIL: 'USER2@initech.example' }),
    activity('2026-12-01T09:01:00.000Z', 'ADD_GROUP_MEMBER', {
      GROUP_EMAIL: 'group0@initech.example',
      USER_EMAIL: 'user3@initech.example',
    }),
    activity('2026-12-01T09:02:00.000Z', 'EDIT_ORG_UNIT_NAME', { ORG_UNIT_NAME: '/Engineering/Contractors' }),
    activity('2026-12-01T09:03:00.000Z', 'CHANGE_APPLICATION_SETTING', {
      SETTING_NAME: 'security.password',
      ORG_UNIT_NAME: '/Engineering',
      NEW_VALUE: '{"minimumLength":12}',
    }),
    activity('2026-12-01T09:04:00.000Z', 'CHANGE_APPLICATION_SETTING', {
      SETTING_NAME: 'security.password',
      NEW_VALUE: '{"minimumLength":12}',
    }),
    activity('2026-12-01T09:05:00.000Z', 'ASSIGN_ROLE', { ROLE_NAME: 'Helpdesk', USER_EMAIL: 'user1@initech.example' }),
    activity('2026-12-01T09:06:00.000Z', 'CHANGE_GROUP_SETTING', {
      GROUP_EMAIL: 'group1@initech.example',
      SETTING_NAME: 'whoCanJoin',
    }),
    activity('2026-12-01T09:07:00.000Z', 'DELETE_USER', { USER_EMAIL: 'gone@initech.example' }),
    activity('2026-12-02T00:00:00.000Z', 'CREATE_ORG_UNIT', { ORG_UNIT_NAME: '/Sales' }, 'bob@initech.example'),
    activity('2026-12-02T00:00:00.001Z', 'SUSPEND_USER', { USER_EMAIL: 'user2@initech.example' }),
  ];

  it('names the objects each event touched by the ids the backup listed, oldest first, inside [since, until]', async () => {
    const { client, customer } = setup(log);
    await drain(client.listObjects());
    const events = await drain(client.listLogEvents(window));
    expect(targetsOf(events)).toEqual([
      ['SUSPEND_USER', [`user:${USER_IDS[2]}`]],
      ['ADD_GROUP_MEMBER', [`user:${USER_IDS[3]}`, `group:${GROUP_IDS[0]}`]],
      ['EDIT_ORG_UNIT_NAME', ['orgUnit:03ph8a2z2ctr9']],
      // The org unit scopes the setting: only its policy of that type.
      ['CHANGE_APPLICATION_SETTING', ['policy:aaa3']],
      // No scope named: every policy of that setting type.
      ['CHANGE_APPLICATION_SETTING', ['policy:aaa2', 'policy:aaa3']],
      ['ASSIGN_ROLE', [`user:${USER_IDS[1]}`, 'role:91447453409034242', 'roleAssignment:91447453409035002']],
      ['CHANGE_GROUP_SETTING', [`group:${GROUP_IDS[1]}`]],
      // A user this backup never listed cannot be named.
      ['DELETE_USER', []],
      // endTime is exclusive at Google: the window's last instant is asked for with a millisecond more.
      ['CREATE_ORG_UNIT', []],
    ]);
    expect(events.at(-1)!.actor).toEqual({ id: '1001', type: 'User', alternateId: 'bob@initech.example' });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // 9 events at 2 a page (the fake pages by its pageSize): every page followed.
    expect(customer.gets(/\/admin\/reports\//)).toHaveLength(5);
  });

  it('reads the log with a token of its own scope, so a customer who did not delegate it still backs up', async () => {
    const { client, customer } = setup(
      log,
      ALL_SCOPES.filter((s) => s !== GOOGLE_AUDIT_SCOPE),
    );
    const objects = await drain(client.listObjects());
    expect(objects.length).toBeGreaterThan(20);
    const failure = await drain(client.listLogEvents(window)).catch((e: unknown) => e);
    expect(isCredentialRejection(failure)).toBe(true);
    expect((failure as { code?: string }).code).toBe('DELEGATION_MISSING');
    expect(String((failure as Error).message)).toContain('admin.reports.audit.readonly');
    expect(customer.gets(/\/admin\/reports\//)).toHaveLength(0);
  });
});
