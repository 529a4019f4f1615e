import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { idpClientFactory } from '@butterfly/connectors';
import { getConnection, pauseConnection, testConnection, updateConnection } from '@butterfly/domain/connections';
import { createWebhook } from '@butterfly/domain/webhooks';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product } from './support/product.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/**
 * Issue 17: a token Okta refuses fails the backup at once through the real job path (connector,
 * domain, graphile-worker's `backup` task) against okta-sim: one attempt, no retries, the connection
 * "needs attention" and a `connection.needs_attention` alert goes out; replacing the credential and
 * a successful test clear it.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim;
let org: SimOrgHandle;

beforeAll(async () => {
  sim = await startSim({ users: 5 });
  org = await orgHandle(sim);
  await app.migrateJobs();
});
afterAll(async () => {
  await sim?.close();
  await app.close();
});

describe('connections through the real backup job', () => {
  it('fails the backup job once, without retries, marks the connection and alerts; a new credential and a test clear it', {
    timeout: 60_000,
  }, async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      // A revoked token: okta-sim answers 401 E0000011 to anything but the org's own.
      const t = await app.tenantWithConnection('initech', {
        orgUrl: org.url,
        credentials: { kind: 'ssws', token: 'revoked-ssws-token-0123456789' },
      });
      await createWebhook(app.deps, t.tenantId, {
        name: 'ops',
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
        events: ['connection.needs_attention'],
      });

      // The worker runs every due job: the backup, then the alert it queued.
      await app.backupThroughJobs(t, { allowPrivateUrls: true });

      const snapshots = await db
        .selectFrom('snapshots')
        .select(['status', 'error'])
        .where('connection_id', '=', t.connectionId)
        .execute();
      expect(snapshots).toEqual([{ status: 'failed', error: expect.stringContaining('Invalid token provided') }]);
      // The job ended after its first attempt: nothing is left to retry (a thrown job would stay queued with a later run_at).
      const left = await sql<{
        n: number;
      }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'backup'`.execute(db);
      expect(left.rows[0]!.n).toBe(0);
      const c = await getConnection(app.deps, t.tenantId, { connectionId: t.connectionId });
      expect(c).toMatchObject({
        status: 'needs_attention',
        statusReason: expect.stringContaining('Invalid token provided'),
      });

      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!).butterfly).toMatchObject({
        event: 'connection.needs_attention',
        connection: { id: t.connectionId },
        reason: expect.stringContaining('E0000011'),
      });
      expect(received[0]).not.toContain('revoked-ssws-token');

      // The admin replaces the credential and tests it: the status clears.
      await updateConnection(app.deps, t.tenantId, {
        connectionId: t.connectionId,
        credentials: { kind: 'ssws', token: org.apiToken },
      });
      expect((await getConnection(app.deps, t.tenantId, { connectionId: t.connectionId })).status).toBe(
        'needs_attention',
      );
      const tested = await testConnection(
        { ...app.deps, idpClientFor: idpClientFactory({ allowPrivateNetwork: true }) },
        t.tenantId,
        { connectionId: t.connectionId },
      );
      expect(tested.report).toMatchObject({ ok: true });
      expect(tested.connection).toMatchObject({ status: 'ok', statusReason: null });
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it('a backup queued before the connection was paused is skipped when it comes up', async () => {
    const t = await app.tenantWithConnection('umbrella', {
      orgUrl: org.url,
      credentials: { kind: 'ssws', token: org.apiToken },
    });
    await app.deps.jobs!.enqueue(db, 'backup', {
      tenantId: t.tenantId,
      connectionId: t.connectionId,
      trigger: 'schedule',
    });
    await pauseConnection(app.deps, t.tenantId, { connectionId: t.connectionId });
    await app.runDueJobs();
    expect(await db.selectFrom('snapshots').select('id').where('connection_id', '=', t.connectionId).execute()).toEqual(
      [],
    );
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'backup'`.execute(db);
    expect(left.rows[0]!.n).toBe(0);
  });
});
