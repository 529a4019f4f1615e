import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import type { OktaSim } from '@butterfly/okta-sim';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { product } from './support/product.ts';
import { orgHandle, startSim } from './support/sim.ts';

/**
 * Issue 16, "jobs and processes that recover": the real worker process (apps/worker) backing up
 * okta-sim while its database connections are cut, or while it is killed outright.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim;
let orgUrl: string;
let creds: { clientId: string; privateKey: string };
/** How long the database refuses connections: a restart of a small server. */
const DOWN_MS = 8_000;
const workers: ReturnType<typeof app.startWorker>[] = [];

beforeAll(async () => {
  // Limits and latency that make a backup take several seconds, so it can be interrupted midway.
  sim = await startSim({ users: 40, rateScale: 3, latencyMs: 250 });
  const org = await orgHandle(sim);
  orgUrl = org.url;
  creds = { clientId: org.clientId, privateKey: org.privateKeyPem };
  await app.migrateJobs();
});
afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  await sim?.close();
  await app.close();
});

const snapshotsOf = (connectionId: string) =>
  db
    .selectFrom('snapshots')
    .select(['id', 'seq', 'status', 'error', 'progress'])
    .where('connection_id', '=', connectionId)
    .orderBy('seq')
    .execute();

async function backupUnderWay(slug: string) {
  const t = await app.tenantWithConnection(slug, { orgUrl, credentials: { kind: 'oauth', ...creds } });
  await app.deps.jobs!.enqueue(db, 'backup', { tenantId: t.tenantId, connectionId: t.connectionId, trigger: 'manual' });
  return t;
}

const started = (connectionId: string) =>
  waitFor(
    async () =>
      (await snapshotsOf(connectionId)).find(
        (s) => s.status === 'running' && (s.progress as { objects?: number }).objects,
      ),
    60_000,
  );

describe('the worker', () => {
  // Before the fix the worker died here (exit 1): graphile-worker's write of the failed job's outcome
  // found the database refusing connections, and nothing handled the rejection.
  it('survives Postgres going away mid-backup (sessions cut, connections refused for 8 s), and the backup completes', {
    timeout: 180_000,
  }, async () => {
    const t = await backupUnderWay('globex');
    const worker = app.startWorker();
    workers.push(worker);
    await started(t.connectionId);
    // What a Postgres restart does to its clients, on this test's database only (the test cluster is
    // shared with other files): new connections are refused for a while, and every session of the
    // worker is terminated, idle or busy, its LISTEN connection with them.
    const name = (await sql<{ d: string }>`select current_database() as d`.execute(db)).rows[0]!.d;
    const admin = new pg.Client({ connectionString: inject('bfyAdminUrl') });
    await admin.connect();
    try {
      await admin.query(`alter database "${name}" allow_connections false`);
      const cut = await admin.query<{ n: number }>(
        "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and application_name = 'butterfly-worker'",
        [name],
      );
      expect(cut.rows[0]!.n).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, DOWN_MS));
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
      await admin.end();
    }
    const t0 = Date.now();
    const done = await waitFor(
      async () => (await snapshotsOf(t.connectionId)).find((s) => s.status === 'complete'),
      90_000,
      () => worker.exitCode() ?? undefined,
    ).catch((e) => {
      throw new Error(`${e.message}\n${problems(worker.output())}`);
    });
    process.stdout.write(`backup complete ${((Date.now() - t0) / 1000).toFixed(1)} s after the database came back\n`);
    expect(done).toBeDefined();
    expect(worker.exitCode()).toBeNull();
    expect((await snapshotsOf(t.connectionId)).filter((s) => s.status === 'running')).toEqual([]);
    // Stopped, so the next test's worker is the only one left to take its predecessor's job.
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });
});

describe('a worker killed mid-backup', () => {
  // Before the fix the job stayed locked (graphile-worker's 4-hour timeout) and the snapshot running.
  it('is replaced by one that takes the job back at once, and the backup completes within 60 s', {
    timeout: 180_000,
  }, async () => {
    const t = await backupUnderWay('initech');
    const first = app.startWorker();
    workers.push(first);
    const interrupted = await started(t.connectionId);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const job = await db
      .selectFrom(sql.raw<{ locked_by: string | null }>('graphile_worker.jobs').as('j'))
      .select('locked_by')
      .executeTakeFirst();
    expect(job?.locked_by).toBeTruthy(); // graphile-worker alone would keep it locked for 4 hours

    // What a supervisor does: start it again. The clock runs from the new worker being ready.
    const second = app.startWorker();
    workers.push(second);
    await waitFor(
      async () => (second.output().includes('worker ready') ? true : undefined),
      60_000,
      () => second.exitCode() ?? undefined,
    );
    const t0 = Date.now();
    const done = await waitFor(
      async () => (await snapshotsOf(t.connectionId)).find((s) => s.status === 'complete'),
      60_000,
      () => second.exitCode() ?? undefined,
    ).catch((e) => {
      throw new Error(`${e.message}\n${problems(second.output())}`);
    });
    const seconds = (Date.now() - t0) / 1000;
    process.stdout.write(`backup complete ${seconds.toFixed(1)} s after the restarted worker was ready\n`);
    expect(seconds).toBeLessThan(60);
    expect(second.output()).toContain('released the jobs of dead workers');
    expect(await snapshotsOf(t.connectionId)).toMatchObject([
      { id: interrupted.id, status: 'failed', error: 'interrupted: the worker stopped mid-backup' },
      { id: done.id, status: 'complete', error: null },
    ]);
    const partial = await sql<{
      n: number;
    }>`select count(*)::int as n from snapshot_entries where connection_id = ${t.connectionId} and from_seq = ${interrupted.seq}`.execute(
      db,
    );
    expect(partial.rows[0]!.n).toBe(0);
  });
});

/** Polls `probe` until it yields; fails early with what `dead` reports (a process that exited). */
async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, dead?: () => unknown): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    const d = dead?.();
    if (d !== undefined) throw new Error(`the worker exited (${String(d)}) while waiting`);
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The worker's warnings and errors, one short line each: what to read when it misbehaves. */
function problems(output: string) {
  const lines: string[] = [];
  for (const l of output.split('\n')) {
    try {
      const o = JSON.parse(l) as { level: number; msg?: string; err?: { message?: string } };
      if (o.level >= 40) lines.push(`${o.level} ${o.msg ?? ''}${o.err ? `: ${o.err.message}` : ''}`);
    } catch {
      if (l.trim()) lines.push(l.slice(0, 300));
    }
  }
  return lines.join('\n');
}
