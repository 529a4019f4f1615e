import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { addConnection } from '@butterfly/domain/connections';
import type { IdpLogEvent } from '@butterfly/domain/idp';
import { setFreshness } from '@butterfly/domain/freshness';
import { runBackup } from '@butterfly/domain/snapshots';
import { fakeIdp, seedTenant, testDeps } from '@butterfly/domain/testing';
import { type JobRuntime, buildTaskList, jobQueue } from '@butterfly/jobs';
import { runMigrations, runTaskListOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, graphileLogger } from './runner.ts';

/**
 * Decision 048 through graphile-worker: the freshness.poll task reads the fake org's log, writes a
 * single-object snapshot of the changed object, and queues the connection's next poll.
 */
const { db, url } = await useTestDatabase();
const log = createLogger('freshness-test', 'silent');
const pgPool = createWorkerPool(url, { max: 4, log });
const deps = { ...testDeps(db), jobs: jobQueue };
beforeAll(() => runMigrations({ pgPool, logger: graphileLogger(log) }));
afterAll(() => pgPool.end());

const org = fakeIdp([
  { type: 'group_rule', id: '0pr1', body: { id: '0pr1', name: 'Sales' } },
  { type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } },
]);

async function runDue() {
  const rt: JobRuntime = {
    db,
    keyring: deps.keyring,
    log,
    jobs: jobQueue,
    idpClientFor: () => org,
    freshness: { pollSeconds: 30, settleSeconds: 0 },
  };
  const client = await pgPool.connect();
  try {
    await runTaskListOnce(
      { logger: graphileLogger(log) },
      { 'freshness.poll': buildTaskList(rt)['freshness.poll']! },
      client,
    );
  } finally {
    client.release();
  }
}

describe('the freshness.poll task', () => {
  it('snapshots what the new events name and queues the next poll', async () => {
    const t = await seedTenant(deps);
    const { id: connectionId } = await addConnection(deps, t.id, {
      name: 'okta',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'ssws', token: 'ssws-token-for-tests' },
    });
    await runBackup(deps, { tenantId: t.id, connectionId, client: org, trigger: 'schedule' });
    await setFreshness(deps, t.id, { connectionId, enabled: true });
    (org.objects[0]!.body as { name: string }).name = 'Sales (changed)';
    const event: IdpLogEvent = {
      id: 'e1',
      published: new Date().toISOString(),
      eventType: 'group.rule.update',
      actor: { id: '00u1', type: 'User' },
      targets: [{ type: 'group_rule', id: '0pr1' }],
    };
    org.events.push(event);
    await new Promise((r) => setTimeout(r, 20));
    await runDue();
    const snaps = await db
      .selectFrom('snapshots')
      .select(['kind', 'trigger', 'object_id'])
      .where('connection_id', '=', connectionId)
      .where('kind', '=', 'object')
      .execute();
    expect(snaps).toEqual([{ kind: 'object', trigger: 'system_log', object_id: '0pr1' }]);
    const next = await sql<{ run_at: Date }>`select run_at from graphile_worker.jobs
      where key = ${`freshness:poll:${connectionId}`}`.execute(db);
    expect(next.rows).toHaveLength(1);
    expect(next.rows[0]!.run_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    const f = await db
      .selectFrom('connection_freshness')
      .select(['events_seen', 'polled_at', 'last_error'])
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(f).toMatchObject({ events_seen: 1, last_error: null });
  });
});
