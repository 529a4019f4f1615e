/**
 * `pnpm test`: lint, generated-code drift, typecheck, unit and integration tests against a real
 * Postgres, then the end-to-end suite. One Postgres serves the whole run: the project's own embedded
 * test cluster, or the server of DATABASE_URL when it is set. Each test file gets its own database
 * cloned from a migrated template.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureTemplate, ensureTestServer } from '../packages/db/src/testing/server.ts';

const root = resolve(import.meta.dirname, '..');
const REPORT = '.vitest-report.json';
// Every package whose vitest run writes a report: apps/*, packages/*, examples/* and e2e (its contract tests).
const workspaces = [
  ...['apps', 'packages', 'examples'].flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n))),
  join(root, 'e2e'),
];

/**
 * Ctrl-C or a SIGTERM to this process stops the step's child with the same signal and ends the run
 * with the signal's status, after stopping the test Postgres (pg_ctl starts it in a session of its
 * own, so no signal reaches it: before, a killed run left it holding the port).
 */
class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}
let signalled: NodeJS.Signals | undefined;
let current: ReturnType<typeof spawn> | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    signalled ??= signal;
    current?.kill(signal);
  });

async function step(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  if (signalled) throw new Interrupted(signalled);
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  current = child;
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  current = undefined;
  // The child died of the signal (a Ctrl-C reaches the whole process group) or was stopped by us.
  if (signalled || signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGHUP')
    throw new Interrupted(signalled ?? signal!);
  process.stdout.write(
    `=== ${title}: ${code === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
  return code === 0;
}

const failures: string[] = [];
const run = async (title: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv) => {
  if (!(await step(title, cmd, args, env))) failures.push(title);
};

/** The status a run stopped by `signal` ends with (128 + its number), after a line saying so. */
function stopped(e: unknown): number {
  if (!(e instanceof Interrupted)) throw e;
  process.stdout.write(`\n=== ${e.message}\n`);
  return e.signal === 'SIGINT' ? 130 : e.signal === 'SIGHUP' ? 129 : 143;
}
let interrupted = 0;

await run('lint', 'pnpm', ['lint']).catch((e) => process.exit(stopped(e)));

process.stdout.write('\n=== database for tests\n');
const server = await ensureTestServer((m) => process.stdout.write(`${m}\n`));
await ensureTemplate(server.adminUrl);
const env = { ...process.env, BUTTERFLY_TEST_DATABASE_URL: server.adminUrl, TURBO_TELEMETRY_DISABLED: '1' };
try {
  await run('generated table types are current', 'pnpm', ['--filter', '@butterfly/db', 'codegen:check'], env);
  await run('typecheck scripts', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.json']);
  for (const w of workspaces) rmSync(join(w, REPORT), { force: true });
  await run(
    'typecheck',
    'pnpm',
    ['exec', 'turbo', 'run', 'typecheck', '--concurrency=2', '--continue', '--output-logs=errors-only'],
    env,
  );
  // Each vitest run also writes a JSON report, summed into the closing line below.
  await run(
    'unit and integration tests',
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'test',
      '--concurrency=2',
      '--continue',
      '--output-logs=full',
      '--',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORT}`,
    ],
    env,
  );
  await run('pnpm start supervision (start, stop four ways, nothing left behind)', 'bash', ['scripts/check-start.sh']);
  if (
    existsSync(join(root, 'e2e/package.json')) &&
    !(await step('end-to-end (Playwright, Chromium)', 'pnpm', ['--filter', '@butterfly/e2e', 'e2e'], env))
  ) {
    failures.push('end-to-end (Playwright, Chromium)');
    printSystemLogProblems();
  }
} catch (e) {
  interrupted = stopped(e);
} finally {
  await server.stop();
}
// An interrupted run has no verdict: it ends with the signal's status, without the summary.
if (interrupted) process.exit(interrupted);

/** After a failed end-to-end run: the system's own warnings and errors, which the browser never sees. */
function printSystemLogProblems() {
  const file = join(root, 'e2e/test-results/system.log');
  if (!existsSync(file)) return;
  const problems = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /"level":(40|50|60)|\b(WARN|ERROR|FATAL|Error)\b/.test(l));
  process.stdout.write(
    `\n=== the system's warnings and errors during the end-to-end run (last 60 of ${problems.length}; all in e2e/test-results/system.log)\n`,
  );
  for (const l of problems.slice(-60)) process.stdout.write(`${l.slice(0, 600)}\n`);
}

interface ReportSuite {
  title: string;
  suites?: ReportSuite[];
  specs?: { title: string; file: string; line: number; tests: { status: string }[] }[];
}
/** Tests Playwright marked flaky (failed, then passed on retry), as `file:line › title`. */
function flakyTitles(report: string): string[] {
  const walk = (s: ReportSuite): string[] => [
    ...(s.specs ?? [])
      .filter((x) => x.tests.some((t) => t.status === 'flaky'))
      .map((x) => `${x.file}:${x.line} › ${x.title}`),
    ...(s.suites ?? []).flatMap(walk),
  ];
  return (JSON.parse(readFileSync(report, 'utf8')) as { suites: ReportSuite[] }).suites.flatMap(walk);
}

// One closing line over every test that ran.
let passed = 0;
let failed = 0;
for (const w of workspaces) {
  const f = join(w, REPORT);
  if (!existsSync(f)) continue;
  const r = JSON.parse(readFileSync(f, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
const e2eReport = join(root, 'e2e/test-results/report.json');
if (existsSync(e2eReport)) {
  const s = (
    JSON.parse(readFileSync(e2eReport, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } }
  ).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  if (s.flaky)
    process.stdout.write(
      `\nflaky end-to-end tests (passed only on their retry):\n${flakyTitles(e2eReport)
        .map((t) => `  ${t}\n`)
        .join('')}`,
    );
}
if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failures.length || failed ? 1 : 0);
