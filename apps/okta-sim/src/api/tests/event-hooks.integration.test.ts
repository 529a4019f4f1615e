import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
let api: (path: string, method?: string, body?: unknown) => ReturnType<typeof call>;
/** A receiver: echoes the challenge when `echo` is on, records every request. */
const received: { method: string; headers: IncomingHttpHeaders; body: any }[] = [];
let echo = true;
const receiver = createServer((req, res) => {
  let text = '';
  req.on('data', (c) => (text += c));
  req.on('end', () => {
    received.push({ method: req.method!, headers: req.headers, body: text ? JSON.parse(text) : undefined });
    const challenge = req.headers['x-okta-verification-challenge'];
    if (req.method === 'GET' && challenge && echo) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ verification: challenge }));
    } else res.writeHead(req.method === 'POST' ? 204 : 400).end();
  });
});
let hookUrl = '';

/** What `read` returns once deliveries had time to go out (the simulator batches them for 100 ms). */
async function settled<T>(read: () => T): Promise<T> {
  await new Promise((ok) => setTimeout(ok, 400));
  return read();
}

beforeAll(async () => {
  ctx = await startSeeded();
  api = (path, method = 'GET', body) =>
    call(`${ctx.org}${path}`, {
      auth: ssws(ctx.token),
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/okta/c1`;
});
afterAll(async () => {
  await ctx.sim.close();
  await new Promise((ok) => receiver.close(ok));
});

const hookBody = (uri: string) => ({
  name: 'Butterfly',
  events: { type: 'EVENT_TYPE', items: ['group.rule.update', 'group.lifecycle.create'] },
  channel: {
    type: 'HTTP',
    version: '1.0.0',
    config: { uri, headers: [], authScheme: { type: 'HEADER', key: 'Authorization', value: 'bfh_secret' } },
  },
});

test('an event hook is verified with the one-time challenge, then gets the events it subscribes to', async () => {
  echo = false;
  const hook = (await api('/api/v1/eventHooks', 'POST', hookBody(hookUrl))).body;
  expect(hook.verificationStatus).toBe('UNVERIFIED');
  const refused = await api(`/api/v1/eventHooks/${hook.id}/lifecycle/verify`, 'POST');
  expect(refused.status).toBe(400);
  echo = true;
  const verified = await api(`/api/v1/eventHooks/${hook.id}/lifecycle/verify`, 'POST');
  expect(verified.status).toBe(200);
  expect(verified.body.verificationStatus).toBe('VERIFIED');
  const challenge = received.find((r) => r.method === 'GET' && r.headers['x-okta-verification-challenge'])!;
  expect(challenge.headers.authorization).toBe('bfh_secret');

  const rule = (await api('/api/v1/groups/rules')).body[0];
  // Okta updates only an inactive rule (deactivation is not a subscribed type).
  if (rule.status === 'ACTIVE') await api(`/api/v1/groups/rules/${rule.id}/lifecycle/deactivate`, 'POST');
  received.length = 0;
  // Three writes, two of a subscribed type: one delivery carries both.
  await api(`/api/v1/groups/rules/${rule.id}`, 'PUT', { ...rule, name: `${rule.name} (1)` });
  await api(`/api/v1/groups/rules/${rule.id}`, 'PUT', { ...rule, name: `${rule.name} (2)` });
  await api('/api/v1/groups/00gnothere/users', 'GET');
  const posts = await settled(() => received.filter((r) => r.method === 'POST'));
  expect(posts).toHaveLength(1);
  expect(posts[0]!.headers.authorization).toBe('bfh_secret');
  expect(posts[0]!.body).toMatchObject({ eventType: 'com.okta.event_hook', data: { events: expect.any(Array) } });
  expect(posts[0]!.body.data.events.map((e: any) => [e.eventType, e.target[0].id])).toEqual([
    ['group.rule.update', rule.id],
    ['group.rule.update', rule.id],
  ]);

  // Deactivated: no deliveries.
  await api(`/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`, 'POST');
  received.length = 0;
  await api(`/api/v1/groups/rules/${rule.id}`, 'PUT', { ...rule, name: `${rule.name} (3)` });
  expect(await settled(() => received.filter((r) => r.method === 'POST'))).toEqual([]);
});
