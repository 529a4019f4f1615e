import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { seedApiTenant, spawnApiServer } from '../../../apps/web/server/testing/spawn-api-server.ts';

// Issue 19: the package as a stranger gets it. The build, `pnpm pack` of dist/, `npm install` of the
// tarball into an empty folder outside the monorepo (offline: the package has no dependencies), then
// a plain Node script and a TypeScript consumer against the real API with a real token.
const root = resolve(import.meta.dirname, '..');
const { db, url: databaseUrl } = await useTestDatabase();
const masterKey = randomBytes(32).toString('base64');
const server = await spawnApiServer({ DATABASE_URL: databaseUrl, BUTTERFLY_MASTER_KEY: masterKey });
const seeded = await seedApiTenant(db, masterKey);
const work = mkdtempSync(join(tmpdir(), 'bfy-client-pack-'));
afterAll(async () => {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('@butterfly/client outside the monorepo', () => {
  const app = join(work, 'app');

  it('packs to plain ESM with declarations and no dependencies, and installs offline', () => {
    run('pnpm', ['build'], root);
    run('pnpm', ['pack', '--pack-destination', work], join(root, 'dist'));
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^butterfly-client-.*\.tgz$/);
    const listing = run('tar', ['-tzf', join(work, tarball!)], work)
      .split('\n')
      .filter(Boolean)
      .sort();
    expect(listing).toEqual(
      expect.arrayContaining([
        'package/index.js',
        'package/index.d.ts',
        'package/contract.d.ts',
        'package/package.json',
      ]),
    );
    expect(listing.filter((f) => !/^package\/([\w-]+\.d\.ts|index\.js|package\.json)$/.test(f))).toEqual([]);

    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'internal-tool', private: true, type: 'module' }));
    run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--cache',
        join(work, 'npm-cache'),
        join(work, tarball!),
      ],
      app,
    );
    const installed = JSON.parse(
      run(
        'node',
        [
          '-e',
          'process.stdout.write(require("fs").readFileSync("node_modules/@butterfly/client/package.json","utf8"))',
        ],
        app,
      ),
    );
    expect(installed.dependencies ?? {}).toEqual({});
    expect(installed.exports['.']).toEqual({ types: './index.d.ts', import: './index.js' });
    expect(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['@butterfly']);
  });

  it('a plain Node script calls the API with a token: typed answers, stable error codes, pages', () => {
    writeFileSync(
      join(app, 'tool.mjs'),
      `import { ButterflyError, createButterflyClient, items } from '@butterfly/client';
const client = createButterflyClient({ url: process.env.BUTTERFLY_URL, token: process.env.BUTTERFLY_TOKEN });
const out = {};
out.me = (await client.me.get.query()).tenant.slug;
out.connections = (await client.connections.list.query()).map((c) => c.name);
out.snapshots = (await client.snapshots.list.query({})).map((s) => s.id);
out.failing = (await client.compliance.findings.query({ results: ['FAIL'] })).length;
out.audit = 0;
for await (const e of items(client, 'audit.list', { limit: 2 })) out.audit++;
try {
  await client.compliance.scan.query({ scanId: '00000000-0000-4000-8000-000000000000' });
} catch (e) {
  out.notFound = { isButterflyError: e instanceof ButterflyError, code: e.code, status: e.status, procedure: e.procedure };
}
try {
  await client.compliance.scan.query({ scanId: 'not-a-uuid' });
} catch (e) {
  out.invalid = e.code;
}
try {
  await createButterflyClient({ url: process.env.BUTTERFLY_URL, token: 'bfy_not_a_token' }).me.get.query();
} catch (e) {
  out.badToken = { code: e.code, status: e.status };
}
process.stdout.write(JSON.stringify(out));
`,
    );
    const out = JSON.parse(
      run('node', ['tool.mjs'], app, { BUTTERFLY_URL: server.url, BUTTERFLY_TOKEN: seeded.token }),
    );
    expect(out).toMatchObject({
      me: seeded.slug,
      connections: ['Production'],
      snapshots: [seeded.snapshotId],
      failing: seeded.counts.FAIL,
      notFound: { isButterflyError: true, code: 'NOT_FOUND', status: 404, procedure: 'compliance.scan' },
      invalid: 'VALIDATION',
      badToken: { code: 'UNAUTHENTICATED', status: 401 },
    });
    expect(out.failing).toBeGreaterThan(0);
    expect(out.audit).toBeGreaterThan(2); // more than one page of 2
  });

  it('its types work in a TypeScript project that has nothing of the monorepo', () => {
    writeFileSync(
      join(app, 'tool.ts'),
      `import { createButterflyClient, items, pages, ButterflyError, type ButterflyOutputs } from '@butterfly/client';
const client = createButterflyClient({ url: 'http://localhost', token: 'bfy_x' });
export async function main(): Promise<number> {
  const connections = await client.connections.list.query();
  const names: string[] = connections.map((c) => c.name);
  const findings: ButterflyOutputs['compliance']['findings'] = await client.compliance.findings.query({ results: ['FAIL'], severities: ['CAT I'] });
  const severity: 'CAT I' | 'CAT II' | 'CAT III' = findings[0]!.severity;
  const queued = await client.backups.run.mutate({ connectionId: connections[0]!.id });
  for await (const page of pages(client, 'snapshots.objects', { snapshotId: 'x' })) names.push(...page.objects.map((o) => o.label));
  for await (const e of items(client, 'audit.list')) names.push(e.action);
  // @ts-expect-error: not a procedure
  await client.connections.nope.query();
  // @ts-expect-error: a query is not mutated
  await client.connections.list.mutate();
  // @ts-expect-error: results are PASS, FAIL, MANUAL or NOT_APPLICABLE
  await client.compliance.findings.query({ results: ['BROKEN'] });
  // @ts-expect-error: connectionId is required
  await client.backups.run.mutate({});
  try { await client.me.get.query(); } catch (e) { if (e instanceof ButterflyError) names.push(e.code); }
  return names.length + severity.length + (queued.alreadyRunning ? 1 : 0);
}
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2023', 'DOM'],
          types: [],
        },
        files: ['tool.ts'],
      }),
    );
    const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
    let output = '';
    try {
      output = run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    } catch (e) {
      output = String((e as { stdout?: string }).stdout) + String((e as { stderr?: string }).stderr);
      throw new Error(`tsc failed:\n${output}`);
    }
    expect(output).toBe('');
  });
});
