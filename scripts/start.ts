/**
 * `pnpm start`: the whole product on one machine, from one process that owns every other one.
 *
 * Order: embedded database (scripts/db-keeper.ts, unless DATABASE_URL is set) -> migrations ->
 * okta-sim (the demo IdP) and the demo tenant seed (scripts/seed-demo.ts), entra-sim beside it (the
 * Microsoft Entra ID simulator, decision 054, its tenants kept in <data dir>/entra-sim/state.json;
 * nothing is seeded from it yet) and google-sim (the Google Workspace simulator, decision 061, kept in
 * <data dir>/google-sim/state.json) -> worker (it installs
 * graphile-worker's schema, which web and scim need to enqueue) -> web and scim.
 * Each app is `node --import tsx <entry>`, not `pnpm start`, so our signals reach the app itself, and
 * runs with BUTTERFLY_SUPERVISED=1 so it exits by itself if this process is killed outright.
 * An app that crashes is started again after a backoff; one that keeps crashing stops everything.
 * Stopping goes the other way: apps (SIGTERM, SIGKILL after 5 s), then the database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  createLogger,
  databaseEnv,
  entraSimEnv,
  googleSimEnv,
  oktaSimEnv,
  onShutdownSignal,
  repoRoot,
  scimEnv,
  webEnv,
} from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { migrateToLatest } from '@butterfly/db/migrate';
import { loadMasterKey, stopCluster } from '@butterfly/db/server';
import { createKeyring } from '@butterfly/domain/crypto';
import { jobQueue } from '@butterfly/jobs';
import { RestartPolicy } from './restart-policy.ts';
import { DEMO, demoSimArgs, fetchDemoOrg, queueDemoBackup, readDemoBanner, seedDemo } from './seed-demo.ts';

const tsxLoader = import.meta.resolve('tsx');
const print = (name: string, line: string) => process.stdout.write(`${name.padEnd(6)} | ${line}\n`);
const say = (line: string) => print('start', line);

interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}
const apps: Proc[] = [];
let keeper: (Proc & { pgDir?: string; startedHere?: boolean }) | undefined;
let build: ChildProcess | undefined;
let stopping = false;

function launch(name: string, cwd: string, args: string[], env: NodeJS.ProcessEnv, ipc = false): Proc {
  if (stopping) throw new Error('stopping');
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  createInterface({ input: child.stderr! }).on('line', (l) => print(name, l));
  return { name, child, exited };
}

interface AppSpec {
  name: string;
  dir: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  ipc?: boolean;
  args?: string[];
  /** Resolves when a (re)started process is ready: listening, or its IPC `ready` message. */
  ready: (p: Proc) => Promise<unknown>;
}
const restartTimers = new Set<NodeJS.Timeout>();

/**
 * An app. If it exits before we are stopping, it is started again after a backoff (restart-policy.ts),
 * and said so; after too many crashes in a short window everything stops and we exit non-zero, so that
 * a process manager above us can take over.
 */
function startApp(spec: AppSpec, policy = new RestartPolicy()): Proc {
  const { name } = spec;
  const p = launch(
    name,
    join(repoRoot, spec.dir),
    ['--import', tsxLoader, spec.entry, ...(spec.args ?? [])],
    spec.env,
    spec.ipc,
  );
  createInterface({ input: p.child.stdout! }).on('line', (l) => print(name, l));
  p.child.once('exit', (code, signal) => {
    if (stopping) return;
    apps.splice(apps.indexOf(p), 1);
    const why = signal ?? `code ${code}`;
    const next = policy.crashed();
    if ('giveUp' in next) {
      say(`${name} exited unexpectedly (${why}), ${policy.describe()}; stopping everything`);
      process.exitCode = 1;
      stop(`${name} keeps crashing`);
      return;
    }
    say(
      `${name} exited unexpectedly (${why}); restarting it in ${next.delayMs / 1000} s (crash ${next.count}; giving up at ${policy.describe()})`,
    );
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      if (stopping) return;
      const again = startApp(spec, policy);
      spec.ready(again).then(
        () => say(`${name} ready again`),
        () => {}, // it exited again: its own exit handler takes it from here
      );
    }, next.delayMs);
    restartTimers.add(timer);
  });
  apps.push(p);
  return p;
}

const exitedEarly = (p: Proc) => p.exited.then(() => Promise.reject(new Error(`${p.name} exited during start`)));

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      done(true);
    });
    s.on('error', () => done(false));
  });

async function untilListening(p: Proc, port: number, ms = 60_000) {
  const deadline = Date.now() + ms;
  const poll = async () => {
    while (!(await portOpen(port))) {
      if (Date.now() > deadline) throw new Error(`${p.name} is not listening on port ${port} after ${ms / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await Promise.race([poll(), exitedEarly(p)]);
}

/** The embedded database, held by its own process (see db-keeper.ts). Resolves to its URL. */
async function startKeeper(env: NodeJS.ProcessEnv): Promise<string> {
  const p = launch('db', repoRoot, ['--import', tsxLoader, 'scripts/db-keeper.ts'], env);
  keeper = p;
  p.child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`the database keeper exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
    process.exitCode = 1;
    stop('database keeper exited');
  });
  const line = new Promise<string>((done, fail) => {
    const rl = createInterface({ input: p.child.stdout! });
    rl.once('line', (l) => {
      const msg = JSON.parse(l) as {
        ready: boolean;
        url: string;
        error?: string;
        pgDir?: string;
        startedHere?: boolean;
      };
      if (!msg.ready) return fail(new Error(`the embedded database did not start: ${msg.error}`));
      Object.assign(p, { pgDir: msg.pgDir, startedHere: msg.startedHere });
      done(msg.url);
    });
  });
  return Promise.race([line, exitedEarly(p)]);
}

/**
 * okta-sim with its demo orgs and the demo client, its orgs kept in `stateFile` across restarts;
 * resolves to what the seed needs, from its banner.
 */
async function startOktaSim(env: NodeJS.ProcessEnv, appUrl: string, stateFile: string) {
  const port = oktaSimEnv().OKTA_SIM_PORT;
  const p = startApp({
    name: 'okta',
    dir: 'apps/okta-sim',
    entry: 'src/main.ts',
    env,
    args: demoSimArgs(appUrl, stateFile),
    ready: (q) => untilListening(q, port),
  });
  const timeout = new Promise<never>((_, fail) =>
    setTimeout(() => fail(new Error('okta-sim printed no demo banner within 30 s')), 30_000).unref(),
  );
  return Promise.race([readDemoBanner(createInterface({ input: p.child.stdout! })), exitedEarly(p), timeout]);
}

async function migrate(url: string) {
  const db = createDb(url, { max: 1 });
  try {
    const applied = await migrateToLatest(db);
    say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
  } finally {
    await db.destroy();
  }
}

/** Newest modification time of the files the web build is made from (workspace packages are bundled). */
function newestSource(): number {
  let newest = 0;
  const walk = (path: string) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if (!st.isDirectory()) newest = Math.max(newest, st.mtimeMs);
    else for (const e of readdirSync(path)) if (e !== 'node_modules' && e !== 'build') walk(join(path, e));
  };
  for (const p of ['app', 'public', 'vite.config.ts', 'package.json']) walk(join(repoRoot, 'apps/web', p));
  for (const pkg of readdirSync(join(repoRoot, 'packages'))) walk(join(repoRoot, 'packages', pkg, 'src'));
  return newest;
}

function buildWebIfStale(): Promise<void> {
  const output = join(repoRoot, 'apps/web/build/server/index.js');
  if (existsSync(output) && statSync(output).mtimeMs >= newestSource()) return Promise.resolve();
  say('building the web app (its build is missing or older than its sources)');
  // Own process group, so stopping mid-build can kill pnpm and vite together.
  build = spawn('pnpm', ['--filter', '@butterfly/web', 'build'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [build.stdout!, build.stderr!]) createInterface({ input: s }).on('line', (l) => print('build', l));
  return new Promise((done, fail) =>
    build!.once('exit', (code) => (code === 0 ? done() : fail(new Error(`the web build failed (code ${code})`)))),
  );
}

/** SIGTERM, then SIGKILL for whatever has not exited after `graceMs`. True if all went gracefully. */
async function terminate(procs: Proc[], graceMs: number): Promise<boolean> {
  const live = procs.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  for (const p of live) p.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((done) => (timer = setTimeout(() => done(false), graceMs)));
  const graceful = await Promise.race([Promise.all(live.map((p) => p.exited)).then(() => true), timedOut]);
  clearTimeout(timer);
  for (const p of live)
    if (p.child.exitCode === null && p.child.signalCode === null) {
      say(`${p.name} did not stop within ${graceMs / 1000} s; killing it`);
      p.child.kill('SIGKILL');
    }
  await Promise.all(live.map((p) => p.exited));
  return graceful;
}

// Ctrl-C reaches every process of the terminal's group at once; the apps stop on their own SIGINT
// and our SIGTERM is a no-op for them. The db keeper ignores SIGINT and waits for us.
const stop = onShutdownSignal(
  async (reason) => {
    stopping = true;
    for (const t of restartTimers) clearTimeout(t);
    say(`stopping (${reason})`);
    if (build?.pid && build.exitCode === null) {
      try {
        process.kill(-build.pid, 'SIGTERM');
      } catch {}
    }
    await terminate(apps, 5_000);
    if (keeper && !(await terminate([keeper], 3_000)) && keeper.startedHere && keeper.pgDir) {
      await stopCluster(keeper.pgDir); // the keeper was killed: stop its server ourselves
    }
    say('stopped');
  },
  { log: say },
);
process.on('SIGHUP', () => stop('SIGHUP'));
watchLaunchers();

/**
 * `pnpm start` runs us as pnpm -> sh -> node: if pnpm is SIGKILLed, the shell in between survives and
 * our own parent never changes. So we watch our parent and grandparent and stop when either is gone.
 */
function watchLaunchers() {
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; a zombie (state Z) counts as gone.
  const stat = (pid: number) => {
    try {
      const [state, ppid] = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
      return { state, ppid: Number(ppid) };
    } catch {
      return undefined;
    }
  };
  if (!stat(process.pid)) return; // no /proc (macOS): the apps still watch us
  const launchers = [process.ppid, stat(process.ppid)?.ppid].filter((p): p is number => !!p && p > 1);
  const alive = (pid: number) => {
    const s = stat(pid);
    return !!s && s.state !== 'Z';
  };
  const timer = setInterval(() => {
    if (process.ppid === 1 || !launchers.every(alive)) {
      clearInterval(timer);
      stop('the process that launched us is gone');
    }
  }, 1000);
  timer.unref();
}

async function main() {
  say(`supervisor pid ${process.pid}`);
  const dbEnv = databaseEnv();
  const web = webEnv();
  const scim = scimEnv();
  const hasWeb = existsSync(join(repoRoot, 'apps/web/server/main.ts'));
  const hasScim = existsSync(join(repoRoot, 'apps/scim/src/main.ts'));
  const hasOktaSim = existsSync(join(repoRoot, 'apps/okta-sim/src/main.ts'));
  const oktaSimPort = oktaSimEnv().OKTA_SIM_PORT;
  const hasEntraSim = existsSync(join(repoRoot, 'apps/entra-sim/src/main.ts'));
  const entraSimPort = entraSimEnv().ENTRA_SIM_PORT;
  const hasGoogleSim = existsSync(join(repoRoot, 'apps/google-sim/src/main.ts'));
  const googleSimPort = googleSimEnv().GOOGLE_SIM_PORT;
  for (const [on, port] of [
    [hasWeb, web.PORT],
    [hasScim, scim.SCIM_PORT],
    [hasOktaSim, oktaSimPort],
    [hasEntraSim, entraSimPort],
    [hasGoogleSim, googleSimPort],
  ] as const) {
    if (on && (await portOpen(port)))
      throw new Error(
        `port ${port} is already in use (set PORT / SCIM_PORT / OKTA_SIM_PORT / ENTRA_SIM_PORT / GOOGLE_SIM_PORT)`,
      );
  }

  const building = hasWeb ? buildWebIfStale() : Promise.resolve();
  building.catch(() => {}); // awaited below; don't let an early failure go unhandled meanwhile
  const env = { ...process.env, BUTTERFLY_SUPERVISED: '1' };
  const url = dbEnv.DATABASE_URL ?? (await startKeeper(env));
  await migrate(url);

  // Children attach to this database and share the key (which, with DATABASE_URL, config requires).
  const masterKey = loadMasterKey(dbEnv);
  const appEnv = { ...env, DATABASE_URL: url, BUTTERFLY_MASTER_KEY: masterKey.toString('base64') };
  let demoLine: string | undefined;
  let demoBackup: { tenantId: string; connectionId: string } | undefined;
  const seedBase = { keyring: createKeyring(masterKey), log: createLogger('start', 'warn') };
  if (hasOktaSim) {
    const idp = await startOktaSim(env, web.APP_URL, join(dbEnv.BUTTERFLY_DATA_DIR, 'okta-sim', 'state.json'));
    // The demo connection calls okta-sim on loopback: only where the outbound policy allows it.
    const withConnection = web.BUTTERFLY_ALLOW_PRIVATE_URLS && process.env.BUTTERFLY_DEMO_CONNECTION !== 'off';
    const org = withConnection ? await fetchDemoOrg(`http://127.0.0.1:${oktaSimPort}`) : undefined;
    const db = createDb(url, { max: 1 });
    try {
      const demo = await seedDemo({ ...seedBase, db }, idp, org);
      if (demo.outcome === 'seeded') {
        say(`seeded the demo tenant ${DEMO.slug} (${DEMO.domain}), signing in through okta-sim`);
        if (demo.connectionId) {
          say(`seeded the connection ${DEMO.connection} to okta-sim's ${DEMO.slug} org, backed up daily`);
          demoBackup = { tenantId: demo.tenantId, connectionId: demo.connectionId };
        } else if (!web.BUTTERFLY_ALLOW_PRIVATE_URLS)
          say('no demo connection: BUTTERFLY_ALLOW_PRIVATE_URLS is off, so okta-sim on loopback is out of reach');
      }
      if (demo.outcome !== 'absent')
        demoLine = `open ${web.APP_URL}, sign in as ${DEMO.admin} with password ${idp.password}`;
      else say(`the database has tenants already: no demo tenant (okta-sim's ${DEMO.slug} org is at ${idp.issuer})`);
    } finally {
      await db.destroy();
    }
  } else say('apps/okta-sim/src/main.ts not found: okta-sim not started');
  // The other providers' simulators: each keeps its directories in a state file of its own.
  for (const sim of [
    { name: 'entra', app: 'entra-sim', present: hasEntraSim, port: entraSimPort },
    { name: 'google', app: 'google-sim', present: hasGoogleSim, port: googleSimPort },
  ]) {
    if (!sim.present) {
      say(`apps/${sim.app}/src/main.ts not found: ${sim.app} not started`);
      continue;
    }
    const proc = startApp({
      name: sim.name,
      dir: `apps/${sim.app}`,
      entry: 'src/main.ts',
      env,
      args: ['--state', join(dbEnv.BUTTERFLY_DATA_DIR, sim.app, 'state.json')],
      ready: (q) => untilListening(q, sim.port),
    });
    await untilListening(proc, sim.port);
  }
  // A small young generation: a backup allocates fast and briefly, and V8's default lets the nursery
  // grow past 100 MB of resident memory for garbage (scripts/bench/backup.ts measures it).
  const workerReady = (p: Proc) => Promise.race([new Promise((done) => p.child.once('message', done)), exitedEarly(p)]);
  const worker = startApp({
    name: 'worker',
    dir: 'apps/worker',
    entry: 'src/main.ts',
    env: { ...appEnv, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=8`.trim() },
    ipc: true,
    ready: workerReady,
  });
  await workerReady(worker);
  if (demoBackup) {
    // Queued, not awaited: the worker runs it (and the scan after it) while the rest starts.
    const db = createDb(url, { max: 1 });
    try {
      await queueDemoBackup({ ...seedBase, db, jobs: jobQueue }, demoBackup.tenantId, demoBackup.connectionId);
      say(`queued the first backup of ${DEMO.connection}; the worker runs it, then its compliance scan`);
    } finally {
      await db.destroy();
    }
  }

  await building;
  const waits: Promise<void>[] = [];
  const listening = (port: number) => (p: Proc) => untilListening(p, port);
  if (hasWeb)
    waits.push(
      untilListening(
        startApp({ name: 'web', dir: 'apps/web', entry: 'server/main.ts', env: appEnv, ready: listening(web.PORT) }),
        web.PORT,
      ),
    );
  else say('apps/web/server/main.ts not found: web not started');
  if (hasScim)
    waits.push(
      untilListening(
        startApp({
          name: 'scim',
          dir: 'apps/scim',
          entry: 'src/main.ts',
          env: appEnv,
          ready: listening(scim.SCIM_PORT),
        }),
        scim.SCIM_PORT,
      ),
    );
  else say('apps/scim/src/main.ts not found: scim not started');
  await Promise.all(waits);

  if (hasWeb) say(`web    http://localhost:${web.PORT}`);
  if (hasScim) say(`scim   ${scim.SCIM_PUBLIC_URL}`);
  if (hasOktaSim) say(`okta   http://127.0.0.1:${oktaSimPort} (Okta simulator)`);
  if (hasEntraSim) say(`entra  http://127.0.0.1:${entraSimPort} (Microsoft Entra ID simulator)`);
  if (hasGoogleSim) say(`google http://127.0.0.1:${googleSimPort} (Google Workspace simulator)`);
  if (demoLine) say(demoLine);
  say('ready');
}

main().catch((err: Error) => {
  if (stopping) return;
  say(`failed: ${err.message}`);
  process.exitCode = 1;
  stop('start failed');
});
