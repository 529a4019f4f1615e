import type { IdpLogEvent } from '@butterfly/domain/idp';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ORG, rateHeaders, sswsClient, useMswOrg } from './testing/msw-org.ts';
import { changedRefs } from './log-changes.ts';

const server = useMswOrg();
const client = () => sswsClient();
const rate = rateHeaders(600, 500);

const t = (type: string, id: string) => ({ id, type, alternateId: 'unknown', displayName: id, detailEntry: null });
/** A `LogEvent` as Okta sends it (System Log and event hook alike). */
const raw = (i: number, target: ReturnType<typeof t>[]) => ({
  uuid: `ev${i}`,
  published: new Date(Date.UTC(2026, 11, 7, 12, 0, 0, i)).toISOString(),
  eventType: 'group.rule.update',
  actor: { id: '00u1', type: 'User', alternateId: 'alice@acme.test', displayName: 'Alice' },
  target,
});

const toEvent = (r: ReturnType<typeof raw>): IdpLogEvent => ({
  id: r.uuid,
  published: r.published,
  eventType: r.eventType,
  actor: { id: r.actor.id, type: r.actor.type },
  targets: r.target.map((x) => ({ id: x.id, type: x.type })),
});

describe('System Log events to changed objects', () => {
  it('maps targets to catalog types, coalesced, leaving out what is not stored', () => {
    const events = [
      raw(0, [t('GroupRule', '0pr1')]),
      raw(1, [t('User', '00u1'), t('UserGroup', '00g1')]),
      raw(2, [t('PolicyRule', '0pr9'), t('PolicyEntity', '00p1')]),
      raw(3, [t('GroupRule', '0pr1'), t('Session', 'idx1')]),
      raw(4, [t('AppInstance', '0oa1'), t('AuthorizationServer', 'aus1')]),
    ].map(toEvent);
    expect(changedRefs(events)).toEqual([
      { kind: 'object', type: 'group_rule', id: '0pr1' },
      { kind: 'object', type: 'user', id: '00u1' },
      { kind: 'object', type: 'group', id: '00g1' },
      { kind: 'policy_rule', policyId: '00p1', id: '0pr9' },
      { kind: 'policy', id: '00p1' },
      { kind: 'object', type: 'app', id: '0oa1' },
      { kind: 'object', type: 'authorization_server', id: 'aus1' },
    ]);
  });

  it('1,000 events on three objects cost a log page and one read per object, through the governor', async () => {
    const requests: string[] = [];
    const objects = [
      [t('GroupRule', '0pr1')],
      [t('PolicyRule', '0pr9'), t('PolicyEntity', '00p1')],
      [t('AppInstance', '0oa1')],
    ];
    const events = Array.from({ length: 1000 }, (_, i) => raw(i, objects[i % 3]!));
    server.use(
      http.all(`${ORG}/*`, ({ request }) => {
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return undefined;
      }),
      http.get(`${ORG}/api/v1/logs`, () => HttpResponse.json(events, { headers: { ...rate, link: '' } })),
      http.get(`${ORG}/api/v1/groups/rules/0pr1`, () =>
        HttpResponse.json({ id: '0pr1', name: 'Sales', _links: {} }, { headers: rate }),
      ),
      http.get(`${ORG}/api/v1/policies/00p1`, () =>
        HttpResponse.json({ id: '00p1', type: 'OKTA_SIGN_ON', name: 'Default' }, { headers: rate }),
      ),
      http.get(`${ORG}/api/v1/policies/00p1/rules/0pr9`, () =>
        HttpResponse.json({ id: '0pr9', name: 'Rule 2' }, { headers: rate }),
      ),
      http.get(`${ORG}/api/v1/apps/0oa1`, () => new HttpResponse(null, { status: 404, headers: rate })),
    );
    const c = client();
    const read: IdpLogEvent[] = [];
    for await (const e of c.listLogEvents({
      since: new Date('2026-12-07T11:00:00Z'),
      until: new Date('2026-12-07T13:00:00Z'),
    }))
      read.push(e);
    expect(read).toHaveLength(1000);
    const changed = await c.readChangedObjects!(read);
    expect(changed.map((x) => [x.ref.type, x.ref.id, !!x.object])).toEqual([
      ['group_rule', '0pr1', true],
      ['policy.OKTA_SIGN_ON.rule', '00p1/0pr9', true],
      ['policy.OKTA_SIGN_ON', '00p1', true],
      ['app', '0oa1', false],
    ]);
    expect(changed[0]!.object!.body).toEqual({ id: '0pr1', name: 'Sales' });
    // One page of the log, then one read per distinct object (the policy once for itself and its rule).
    expect(requests.sort()).toEqual(
      [
        'GET /api/v1/logs',
        'GET /api/v1/groups/rules/0pr1',
        'GET /api/v1/policies/00p1',
        'GET /api/v1/policies/00p1/rules/0pr9',
        'GET /api/v1/apps/0oa1',
      ].sort(),
    );
    expect(c.stats().requests).toBe(5);
  });
});
