import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { seedApiTenant, spawnApiServer } from '../../web/server/testing/spawn-api-server.ts';

// Issue 19: remote mode. With --url and an API token (or BUTTERFLY_URL/BUTTERFLY_TOKEN) the read
// commands and `backup run` ask a running Butterfly's API; the database they would open is
// unreachable here, so an answer can only have come from the server.
const { db, url: databaseUrl } = await useTestDatabase();
const masterKey = randomBytes(32).toString('base64');
const server = await spawnApiServer({ DATABASE_URL: databaseUrl, BUTTERFLY_MASTER_KEY: masterKey });
afterAll(() => server.stop());
const t = await seedApiTenant(db, masterKey);

const main = resolve(import.meta.dirname, '../bin/butterfly.ts');
const noDatabase = {
  DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none',
  BUTTERFLY_MASTER_KEY: masterKey,
  LOG_LEVEL: 'warn',
};
function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [main, ...args], {
    env: { ...process.env, BUTTERFLY_URL: undefined, BUTTERFLY_TOKEN: undefined, ...noDatabase, ...env },
    encoding: 'utf8',
    cwd: import.meta.dirname,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trim().split('\n').at(-1) };
}
const remote = { BUTTERFLY_URL: server.url, BUTTERFLY_TOKEN: t.token };

// Several CLI processes per test, and an API server beside them: more time than the package's default.
vi.setConfig({ testTimeout: 180_000 });

describe('the CLI in remote mode', () => {
  it('lists connections, snapshots, scans and findings through the API', () => {
    const connections = cli(['connection', 'list', t.slug, '--json'], remote);
    expect(connections.code, connections.stderr).toBe(0);
    expect(JSON.parse(connections.stdout)).toEqual([
      expect.objectContaining({ id: t.connectionId, name: 'Production', provider: 'okta' }),
    ]);

    const snapshots = cli(['snapshot', 'list', t.slug, '--json'], remote);
    expect(snapshots.code, snapshots.stderr).toBe(0);
    expect(JSON.parse(snapshots.stdout).map((s: { id: string }) => s.id)).toEqual([t.snapshotId]);

    const scans = cli(['scan', 'list', t.slug, '--json'], remote);
    expect(scans.code, scans.stderr).toBe(0);
    expect(JSON.parse(scans.stdout)).toEqual([
      expect.objectContaining({
        id: t.scanId,
        connectionName: 'Production',
        counts: expect.objectContaining({ FAIL: t.counts.FAIL }),
      }),
    ]);

    const failing = cli(['scan', 'findings', t.slug, '--json'], remote);
    expect(failing.code, failing.stderr).toBe(0);
    const all = JSON.parse(failing.stdout) as { severity: string; result: string }[];
    expect(all).toHaveLength(t.counts.FAIL);
    const critical = cli(['scan', 'findings', t.slug, '--severity', 'CAT I', '--json'], remote);
    const catOne = JSON.parse(critical.stdout) as { severity: string; result: string }[];
    expect(catOne.length).toBeGreaterThan(0);
    expect(catOne.length).toBeLessThan(all.length);
    expect(new Set(catOne.map((f) => `${f.severity} ${f.result}`))).toEqual(new Set(['CAT I FAIL']));

    // Human lines too, and --url/--token as flags instead of the environment.
    const human = cli(['connection', 'list', t.slug, '--url', server.url, '--token', t.token]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^${t.connectionId}  Production  `));
  });

  it('backup run queues the backup on the server: the job id on the last line, the job in its queue', async () => {
    const r = cli(['backup', 'run', t.slug, 'Production'], remote);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('backup of Production queued for the worker');
    const job = await sql<{
      payload: { connectionId: string };
    }>`select payload from graphile_worker._private_jobs where id = ${r.last}::bigint`.execute(db);
    expect(job.rows).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ connectionId: t.connectionId }) }),
    ]);

    const again = cli(['backup', 'run', t.slug, t.connectionId, '--json'], remote);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ alreadyRunning: true, state: 'queued', jobId: r.last });
  });

  it("fails with the API's stable codes, and refuses what it cannot do remotely", () => {
    const badToken = cli(['connection', 'list', t.slug], { ...remote, BUTTERFLY_TOKEN: 'bfy_not_a_real_token' });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/^error UNAUTHENTICATED: /);

    const missing = cli(['backup', 'run', t.slug, 'Staging'], remote);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error NOT_FOUND: /);

    const otherTenant = cli(['snapshot', 'list', 'someone-else'], remote);
    expect(otherTenant.code).toBe(2);
    expect(otherTenant.stderr).toContain(`the token acts in tenant ${t.slug}, not someone-else`);

    expect(cli(['connection', 'list', t.slug], { BUTTERFLY_URL: server.url }).stderr).toContain('needs an API token');
    expect(cli(['connection', 'list', t.slug], { BUTTERFLY_URL: server.url }).code).toBe(2);
    expect(cli(['backup', 'run', t.slug, 'Production', '--wait'], remote).code).toBe(2);
    expect(cli(['scan', 'findings', t.slug, '--severity', 'CAT IV'], remote).code).toBe(2);
  });

  it('without --url it keeps working on the database', () => {
    const r = cli(['scan', 'findings', t.slug, '--severity', 'CAT I,CAT II', '--json'], { DATABASE_URL: databaseUrl });
    expect(r.code, r.stderr).toBe(0);
    const findings = JSON.parse(r.stdout) as { severity: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity !== 'CAT III')).toBe(true);
    const list = cli(['connection', 'list', t.slug, '--json'], { DATABASE_URL: databaseUrl });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: t.connectionId })]);
  });
});
