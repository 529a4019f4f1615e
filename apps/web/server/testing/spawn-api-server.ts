import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

const webRoot = resolve(import.meta.dirname, '../..');

export interface ApiServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts api-server.ts in its own process (Node + tsx from apps/web) against a test database, and
 * resolves with its URL once it listens. For tests outside apps/web: they import this file by path
 * and need nothing of the web app's dependencies. `stop()` ends it (SIGTERM, then SIGKILL after 5 s).
 */
export async function spawnApiServer(env: { DATABASE_URL: string; BUTTERFLY_MASTER_KEY: string }): Promise<ApiServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/testing/api-server.ts'], {
    cwd: webRoot,
    env: { ...process.env, ...env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`api server did not start in 150 s:\n${stderr}`)), 150_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`api server exited (${code}) before listening:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{"url"')) return;
      clearTimeout(timer);
      ok((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A tenant an API client can read: a super_admin with an API token (`token`), a connection backed
 * up once from a small in-memory org (`snapshotId`) and scanned (`scanId`, with failing findings,
 * one of them critical: CAT I).
 * `masterKey` (base64) must be the server's, so both seal and open with the same keys. `scan: false`
 * leaves the backup unscanned (no findings). `role`: the token's role (its owner is a super_admin).
 */
export async function seedApiTenant(
  db: unknown,
  masterKey: string,
  opts: { role?: 'super_admin' | 'auditor' | 'read_only'; scan?: boolean } = {},
) {
  const [{ createApiToken }, { runBackup }, { runComplianceScan }] = await Promise.all([
    import('@butterfly/domain/api-tokens'),
    import('@butterfly/domain/snapshots'),
    import('@butterfly/domain/scans'),
  ]);
  const { fakeIdp, seedConnection, seedMember, seedTenant, testDeps } = await import('@butterfly/domain/testing');
  const deps = testDeps(
    db as Parameters<typeof testDeps>[0],
    { kind: 'operator', label: 'test' },
    Buffer.from(masterKey, 'base64'),
  );
  const tenant = await seedTenant(deps);
  const owner = await seedMember(deps, tenant.id, 'super_admin');
  const connectionId = await seedConnection(deps, tenant.id, 'Production');
  const client = fakeIdp([
    {
      type: 'user',
      id: '00u1',
      body: {
        id: '00u1',
        status: 'ACTIVE',
        profile: { login: 'ann@example.test', email: 'ann@example.test', firstName: 'Ann', lastName: 'Lee' },
      },
    },
    { type: 'group', id: '00g1', body: { id: '00g1', type: 'OKTA_GROUP', profile: { name: 'Everyone' } } },
    // Its only log stream is off: OKTA-APP-001430 fails, a critical (CAT I) finding.
    {
      type: 'log_stream',
      id: '0oxl1',
      body: { id: '0oxl1', type: 'aws_eventbridge', name: 'SIEM', status: 'INACTIVE' },
    },
  ]);
  const snapshot = await runBackup(deps, { tenantId: tenant.id, connectionId, trigger: 'test', client });
  const scan =
    opts.scan === false ? undefined : await runComplianceScan(deps, tenant.id, { snapshotId: snapshot.snapshotId });
  const { token } = await createApiToken(deps, tenant.id, {
    name: 'client test',
    member: owner.id,
    role: opts.role ?? 'super_admin',
  });
  return {
    tenantId: tenant.id,
    slug: tenant.slug,
    token,
    connectionId,
    snapshotId: snapshot.snapshotId,
    scanId: scan?.id,
    counts: scan?.counts ?? { PASS: 0, FAIL: 0, MANUAL: 0, NOT_APPLICABLE: 0, total: 0 },
  };
}
