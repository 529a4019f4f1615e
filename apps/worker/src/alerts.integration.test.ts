import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { addConnection } from '@butterfly/domain/connections';
import type { IdpObject } from '@butterfly/domain/idp';
import { createWebhook, verifySignature } from '@butterfly/domain/webhooks';
import { fakeIdp, seedTenant, testDeps } from '@butterfly/domain/testing';
import { type JobRuntime, buildTaskList, jobQueue } from '@butterfly/jobs';
import { runMigrations, runTaskListOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, graphileLogger } from './runner.ts';

/**
 * Alerts end to end through the real tasks: a backup job finds a watched change (or fails) and queues
 * a delivery; the delivery job signs and POSTs it over real HTTP to a receiver on 127.0.0.1.
 */
const { db, url } = await useTestDatabase();
const log = createLogger('alerts-test', 'silent');
const pgPool = createWorkerPool(url, { max: 4, log });
const deps = testDeps(db);

type Received = { headers: IncomingMessage['headers']; body: string };
const received: Received[] = [];
/** Status codes to answer with, in order; 200 once they run out. */
const answers: number[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(answers.shift() ?? 200).end('ok');
  });
});
let hookUrl = '';

beforeAll(async () => {
  await runMigrations({ pgPool, logger: graphileLogger(log) });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await pgPool.end();
  await new Promise((r) => receiver.close(r));
});

const policy = (minLength: number): IdpObject => ({
  type: 'policy.PASSWORD',
  id: '00p1',
  body: { id: '00p1', name: 'Default', settings: { password: { complexity: { minLength } } } },
});
let objects: IdpObject[] = [];
let failing = false;

function tasks(allowPrivateUrls: boolean) {
  const rt: JobRuntime = {
    db,
    keyring: deps.keyring,
    log,
    jobs: jobQueue,
    idpClientFor: () => fakeIdp(objects, failing ? { failAfter: 0 } : {}),
    allowPrivateUrls,
    appUrl: 'http://localhost:3000',
  };
  const all = buildTaskList(rt);
  // Only what this test is about; the compliance scans the backups queue are another suite's.
  return { backup: all.backup!, 'webhook.deliver': all['webhook.deliver']! };
}

/** Runs every due job once, then makes retries due at once (graphile backs them off in real time). */
async function runJobs(allowPrivateUrls = true) {
  const client = await pgPool.connect();
  try {
    await runTaskListOnce({ logger: graphileLogger(log) }, tasks(allowPrivateUrls), client);
  } finally {
    client.release();
  }
}
const makeRetriesDue = () =>
  sql`update graphile_worker._private_jobs set run_at = now() where locked_at is null`.execute(db);

async function setup(events: ('backup.failed' | 'objects.changed')[] = ['objects.changed', 'backup.failed']) {
  const t = await seedTenant(deps);
  // A real connection: the backup task opens its sealed credential (the fake IdP then ignores it).
  const { id: connectionId } = await addConnection(deps, t.id, {
    name: 'okta',
    orgUrl: 'https://acme.okta.com',
    credentials: { kind: 'ssws', token: 'ssws-token-for-tests' },
  });
  const { webhook, secret } = await createWebhook(deps, t.id, {
    name: 'policies',
    url: hookUrl,
    events,
    objectTypes: ['policy.*'],
  });
  objects = [policy(15), { type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } }];
  failing = false;
  const backup = () =>
    jobQueue.enqueue(
      db,
      'backup',
      { tenantId: t.id, connectionId, trigger: 'manual' },
      { jobKey: `backup:${connectionId}` },
    );
  const deliveries = () =>
    db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhook.id)
      .orderBy('created_at')
      .execute();
  return { tenantId: t.id, connectionId, secret: secret!, backup, deliveries };
}

describe('alert webhooks', () => {
  it('a watched change is POSTed once, signed, Slack-shaped, after retrying a 503', async () => {
    const s = await setup();
    await s.backup();
    await runJobs();
    expect(await s.deliveries()).toEqual([]); // a first snapshot alerts nothing
    objects[0] = policy(8);
    (objects[1]!.body as { profile: { name: string } }).profile.name = 'All'; // not a watched type
    received.length = 0;
    answers.push(503);
    await s.backup();
    await runJobs(); // the backup, which queues the delivery
    await runJobs(); // the delivery's first attempt: 503
    expect(await s.deliveries()).toEqual([
      expect.objectContaining({ event: 'objects.changed', status: 'pending', attempts: 1, last_status_code: 503 }),
    ]);
    await makeRetriesDue();
    await runJobs();
    const [d] = await s.deliveries();
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(received).toHaveLength(2);
    const last = received.at(-1)!;
    expect(verifySignature(s.secret, String(last.headers['x-butterfly-signature']), last.body, new Date())).toBe(true);
    expect(last.headers['x-butterfly-event']).toBe('objects.changed');
    const body = JSON.parse(last.body);
    expect(body.text).toMatch(/1 change \(policy\.\*\)/);
    expect(body.blocks.length).toBeGreaterThan(0);
    expect(body.butterfly.changes).toEqual([
      expect.objectContaining({
        type: 'policy.PASSWORD',
        paths: [expect.objectContaining({ path: '$.settings.password.complexity.minLength', before: 15, after: 8 })],
      }),
    ]);
    expect(body.butterfly.link).toContain(`/connections/${s.connectionId}/diff?from=`);
  });

  it('a failed backup alerts backup.failed; a 4xx ends the delivery without retrying', async () => {
    const s = await setup(['backup.failed']);
    failing = true;
    answers.push(404);
    received.length = 0;
    await s.backup();
    await runJobs(); // the backup fails (attempt 1) and queues the alert
    await runJobs();
    expect(await s.deliveries()).toEqual([
      expect.objectContaining({ event: 'backup.failed', status: 'failed', attempts: 1, last_status_code: 404 }),
    ]);
    expect(JSON.parse(received[0]!.body).butterfly).toMatchObject({
      event: 'backup.failed',
      attempt: 1,
      willRetry: true,
    });
    await makeRetriesDue();
    await sql`delete from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = 'backup')`.execute(
      db,
    );
    await runJobs();
    expect(received).toHaveLength(1);
  });

  it('refuses a loopback receiver where private addresses are not allowed, without sending', async () => {
    const s = await setup();
    await s.backup();
    await runJobs();
    objects[0] = policy(9);
    received.length = 0;
    await s.backup();
    await runJobs(false);
    await runJobs(false);
    expect(await s.deliveries()).toEqual([
      expect.objectContaining({
        status: 'failed',
        attempts: 1,
        last_error: expect.stringMatching(/private, loopback or link-local/),
      }),
    ]);
    expect(received).toEqual([]);
  });
});
