import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(200).end();
  });
});
let address = '';
beforeAll(async () => {
  h = await startSim();
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => receiver.close(r));
});

const until = async (n: number) => {
  for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 20));
};

describe('users.watch', () => {
  it('opens a channel, sends sync, then a notification per user change; stop ends it', async () => {
    const token = await h.saToken();
    const res = await h.api('/admin/directory/v1/users/watch?customer=my_customer&event=update', token, {
      method: 'POST',
      body: { id: 'chan-1', type: 'web_hook', address, token: 'secret-1' },
    });
    const channel = (await res.json()) as Record<string, string>;
    expect(channel).toMatchObject({ kind: 'api#channel', id: 'chan-1', token: 'secret-1' });
    await until(1);
    expect(received[0]!.headers).toMatchObject({
      'x-goog-resource-state': 'sync',
      'x-goog-channel-id': 'chan-1',
      'x-goog-channel-token': 'secret-1',
    });
    await h.control('PATCH', `/customers/${h.demo.customerId}/users/${h.demo.member}`, { suspended: true });
    await until(2);
    expect(received[1]!.headers).toMatchObject({ 'x-goog-resource-state': 'update', 'x-goog-message-number': '2' });
    expect(JSON.parse(received[1]!.body)).toMatchObject({ kind: 'admin#directory#user', primaryEmail: h.demo.member });
    const stop = await h.api('/admin/directory_v1/channels/stop', token, {
      method: 'POST',
      body: { id: 'chan-1', resourceId: channel.resourceId },
    });
    expect(stop.status).toBe(204);
    await h.api(`/admin/directory/v1/users/${h.demo.member}`, token, { method: 'PATCH', body: { suspended: false } });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(2);
    const bad = await h.api('/admin/directory/v1/users/watch?customer=my_customer', token, {
      method: 'POST',
      body: { id: 'x', type: 'web_hook', address: 'ftp://x' },
    });
    expect(bad.status).toBe(400);
  });
});
