import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TenantWriteGate } from './tenant-gate.ts';
import { oktaUser, useScimServer } from './testing/harness.ts';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});

/** A write gate that holds every write 1.1 s: a slow request, through the real server. */
class SlowGate extends TenantWriteGate {
  override async run<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
    await new Promise((ok) => setTimeout(ok, 1_100));
    return super.run(tenantId, fn);
  }
}

const { request, tenant } = await useScimServer({ log: pino({ level: 'info' }, sink), writeGate: new SlowGate() });
const t = await tenant();
const requestLines = () => lines.filter((l) => l.msg === 'scim request');

describe('SCIM request logs at info', () => {
  it('carry one line per 4xx/5xx or slow request, none for healthy ones', async () => {
    lines.length = 0;
    expect((await request('GET', '/healthz')).status).toBe(200);
    expect((await t.as('GET', '/Users?filter=userName%20eq%20%22secret%40globex.test%22')).status).toBe(200);
    expect(requestLines()).toEqual([]);

    expect((await t.as('GET', '/Nope')).status).toBe(404);
    expect((await request('GET', '/scim/v2/Users', { token: 'bfys_wrong' })).status).toBe(401);
    expect((await t.as('POST', '/Users', oktaUser('slow@globex.test'))).status).toBe(201);
    await new Promise((ok) => setTimeout(ok, 50));
    const logged = requestLines();
    expect(logged.map((l) => [l.method, l.path, l.status])).toEqual([
      ['GET', '/scim/v2/Nope', 404],
      ['GET', '/scim/v2/Users', 401],
      ['POST', '/scim/v2/Users', 201],
    ]);
    for (const l of logged) expect(l.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged[2]!.ms).toBeGreaterThan(1_000);
    expect(JSON.stringify(lines)).not.toContain('secret%40globex');
  });
});
