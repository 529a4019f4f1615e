import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '@butterfly/db/testing';
import { createWebhook } from '@butterfly/domain/webhooks';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product } from './support/product.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/**
 * Issue 19: `backup run --wait` is the same backup use-case as the worker's job, regression alerts
 * included. Two backups of okta-sim through the CLI, a password policy weakened through Okta's API
 * between them: the second one's scan sends `compliance.regressed` to the subscribed webhook, which
 * a worker delivers over HTTP.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim;
let org: SimOrgHandle;
let acme: { tenantId: string; connectionId: string };
const received: string[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push(body);
    res.writeHead(200).end('ok');
  });
});

beforeAll(async () => {
  sim = await startSim({ users: 10, rateScale: 100 });
  org = await orgHandle(sim);
  await app.migrateJobs();
  acme = await app.tenantWithConnection('acme', {
    orgUrl: org.url,
    credentials: { kind: 'ssws', token: org.apiToken },
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await sim?.close();
  await app.close();
});

const scanOf = (snapshotId: string) =>
  db.selectFrom('scans').select(['id', 'trigger']).where('snapshot_id', '=', snapshotId).executeTakeFirstOrThrow();
const deliveries = () =>
  db
    .selectFrom('webhook_deliveries')
    .select(['event', 'status', 'snapshot_id'])
    .where('tenant_id', '=', acme.tenantId)
    .execute();

describe('backup run --wait', () => {
  it('sends compliance.regressed when the second snapshot fails a rule the first passed, once', async () => {
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await createWebhook(app.deps, acme.tenantId, {
      name: 'regressions',
      url: hookUrl,
      events: ['compliance.regressed'],
    });

    const first = await app.cli('backup', 'run', 'acme', acme.connectionId, '--wait');
    expect(first.code, first.stderr).toBe(0);
    const firstSnapshot = first.stdout.trim().split('\n').at(-1)!;
    expect(await scanOf(firstSnapshot)).toMatchObject({ trigger: 'backup' });
    expect(await deliveries()).toEqual([]); // no previous scan: nothing regressed

    const policy = ((await org.api('GET', '/api/v1/policies?type=PASSWORD')).body as any[]).find(
      (p) => p.status === 'ACTIVE' && p.settings.password.complexity.minLength >= 14,
    );
    const { _links, ...body } = policy;
    body.settings.password.complexity.minLength = 8;
    expect((await org.api('PUT', `/api/v1/policies/${policy.id}`, body)).status).toBe(200);

    const second = await app.cli('backup', 'run', 'acme', acme.connectionId, '--wait', '--json');
    expect(second.code, second.stderr).toBe(0);
    const out = JSON.parse(second.stdout);
    expect(out).toMatchObject({
      id: expect.any(String),
      objects: expect.any(Number),
      changes: { changed: expect.any(Number) },
    });
    const scan = await scanOf(out.id);
    // Queued by the CLI process itself (no worker ran the scan), delivered by a worker.
    expect(await deliveries()).toEqual([{ event: 'compliance.regressed', status: 'pending', snapshot_id: out.id }]);
    await app.runDueJobs({ allowPrivateUrls: true });
    expect(received).toHaveLength(1);
    const payload = JSON.parse(received[0]!);
    expect(payload.butterfly).toMatchObject({
      event: 'compliance.regressed',
      scanId: scan.id,
      rules: [expect.objectContaining({ ruleId: 'OKTA-APP-000650' })],
    });
    expect(await deliveries()).toEqual([
      expect.objectContaining({ event: 'compliance.regressed', status: 'delivered' }),
    ]);

    // A third backup with nothing new regressed: no second alert.
    const third = await app.cli('backup', 'run', 'acme', acme.connectionId, '--wait');
    expect(third.code, third.stderr).toBe(0);
    await app.runDueJobs({ allowPrivateUrls: true });
    expect(received).toHaveLength(1);
  });
});
