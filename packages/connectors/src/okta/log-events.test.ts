import type { IdpLogEvent } from '@butterfly/domain/idp';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ORG, rateHeaders, sswsClient, useMswOrg } from './testing/msw-org.ts';

const server = useMswOrg();
const client = () => sswsClient();
const rate = rateHeaders(120, 100);

/** A `LogEvent` as the OpenAPI file shows one, with the fields attribution does not keep. */
const event = (i: number) => ({
  uuid: `ev${i}`,
  published: new Date(Date.UTC(2026, 10, 29, 12, 0, i)).toISOString(),
  eventType: 'policy.rule.update',
  actor: { id: '00u1', type: 'User', alternateId: 'alice@acme.test', displayName: 'Alice', detailEntry: null },
  client: { ipAddress: '10.0.0.1' },
  target: [
    { id: '0pr1', type: 'PolicyRule', alternateId: 'unknown', displayName: 'Rule 2', detailEntry: null },
    { id: '00p1', type: 'Policy', alternateId: 'unknown', displayName: 'Default' },
  ],
});

async function collect(it: AsyncIterable<IdpLogEvent>) {
  const out: IdpLogEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('System Log', () => {
  it('reads a bounded window oldest first across pages, keeping who, when, what and the targets', async () => {
    const urls: string[] = [];
    server.use(
      http.get(`${ORG}/api/v1/logs`, ({ request }) => {
        urls.push(request.url);
        const after = new URL(request.url).searchParams.get('after');
        const page = after ? [event(2)] : [event(0), event(1)];
        const link = after
          ? `<${request.url}>; rel="self"`
          : `<${request.url}>; rel="self", <${ORG}/api/v1/logs?after=c1&until=x>; rel="next"`;
        return HttpResponse.json(page, { headers: { ...rate, link } });
      }),
    );
    const since = new Date('2026-11-29T12:00:00Z');
    const until = new Date('2026-11-29T13:00:00Z');
    const events = await collect(client().listLogEvents({ since, until }));
    expect(events.map((e) => e.id)).toEqual(['ev0', 'ev1', 'ev2']);
    expect(events[0]).toEqual({
      id: 'ev0',
      published: '2026-11-29T12:00:00.000Z',
      eventType: 'policy.rule.update',
      actor: { id: '00u1', type: 'User', alternateId: 'alice@acme.test', displayName: 'Alice' },
      targets: [
        { id: '0pr1', type: 'PolicyRule' },
        { id: '00p1', type: 'Policy' },
      ],
    });
    const first = new URL(urls[0]!).searchParams;
    expect(Object.fromEntries(first)).toEqual({
      since: since.toISOString(),
      until: until.toISOString(),
      sortOrder: 'ASCENDING',
      limit: '1000',
    });
    expect(urls[1]).toBe(`${ORG}/api/v1/logs?after=c1&until=x`);
  });

  it('stops at an empty page even if the server keeps offering next', async () => {
    let calls = 0;
    server.use(
      http.get(`${ORG}/api/v1/logs`, ({ request }) => {
        calls++;
        return HttpResponse.json([], { headers: { ...rate, link: `<${request.url}&after=more>; rel="next"` } });
      }),
    );
    expect(await collect(client().listLogEvents({ since: new Date(0), until: new Date() }))).toEqual([]);
    expect(calls).toBe(1);
  });

  it('names the missing scope', async () => {
    server.use(
      http.get(`${ORG}/api/v1/logs`, () =>
        HttpResponse.json(
          { errorCode: 'E0000006', errorSummary: 'You do not have permission' },
          { status: 403, headers: { ...rate, 'www-authenticate': 'Bearer error="insufficient_scope"' } },
        ),
      ),
    );
    await expect(collect(client().listLogEvents({ since: new Date(0), until: new Date() }))).rejects.toMatchObject({
      name: 'OktaMissingScopeError',
      scope: 'okta.logs.read',
    });
  });
});
