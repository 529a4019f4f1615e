import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { postgresBinaries } from './binaries.ts';
import { type OsUser, postgresOsUser, reachableBy } from './os-user.ts';

const run = promisify(execFile);

export interface ClusterOptions {
  /** Folder for this cluster's files (`<dataDir>/<name>` holds the PostgreSQL data directory). */
  dataDir: string;
  name: string;
  port: number;
  /** Extra `-c key=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
  log?: (msg: string) => void;
}

export interface RunningCluster {
  /** Superuser URL of the maintenance database `postgres`. */
  adminUrl: string;
  pgDir: string;
  port: number;
  startedHere: boolean;
  stop(): Promise<void>;
}

/**
 * Where the PostgreSQL data directory goes. As root, it must be reachable by the `postgres` OS user;
 * a checkout under a 0700 home is not, so the cluster moves to a per-checkout folder under the system
 * temp directory (same checkout, same folder) and we say so.
 */
function clusterDir(opts: ClusterOptions, user: OsUser): string {
  const wanted = join(opts.dataDir, opts.name);
  if (reachableBy(wanted, user)) return wanted;
  const tag = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  const fallback = join(tmpdir(), `butterfly-${tag}`, opts.name);
  opts.log?.(`${opts.dataDir} is not reachable by the postgres OS user; the embedded database lives in ${fallback}`);
  return fallback;
}

function passwordFor(opts: ClusterOptions): string {
  const file = join(opts.dataDir, `${opts.name}.password`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const pw = randomBytes(24).toString('base64url');
  writeFileSync(file, `${pw}\n`, { mode: 0o600 });
  return pw;
}

/** The pid and port recorded by a running postmaster, if its process is alive. */
function runningPostmaster(pgDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? { pid, port } : undefined;
  }
}

async function asUser(user: OsUser, file: string, args: string[]) {
  return run(file, args, { ...(user ?? {}), env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' } });
}

/** Cross-process lock on cluster start, so parallel test runners or apps don't race initdb. */
export async function withStartLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dir, '.start.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 90_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Connects and checks that the server answering is the one whose data directory we expect. */
async function verifyIdentity(url: string, pgDir: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    const actual = rows[0]?.data_directory ?? '';
    if (realpathSync(actual) !== realpathSync(pgDir)) {
      throw new Error(`The server on this port serves ${actual}, not ${pgDir}: another PostgreSQL is using the port`);
    }
  } finally {
    await client.end();
  }
}

export async function ensureEmbeddedCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dataDir, { recursive: true });
  const user = postgresOsUser();
  const pgDir = clusterDir(opts, user);
  const password = passwordFor(opts);
  const bins = postgresBinaries(user);
  const url = (port: number) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  return withStartLock(opts.dataDir, async () => {
    const running = runningPostmaster(pgDir);
    if (running) {
      await verifyIdentity(url(running.port), pgDir);
      return { adminUrl: url(running.port), pgDir, port: running.port, startedHere: false, stop: async () => {} };
    }

    if (!existsSync(join(pgDir, 'PG_VERSION'))) {
      log(`initialising an embedded PostgreSQL cluster in ${pgDir}`);
      rmSync(pgDir, { recursive: true, force: true });
      // Parents with the default (traversable) mode; only the data directory itself is private.
      mkdirSync(dirname(pgDir), { recursive: true });
      mkdirSync(pgDir, { mode: 0o700 });
      const pwFile = join(pgDir, '..', `.${opts.name}.pwfile`);
      writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
      if (user) {
        chownSync(pgDir, user.uid, user.gid);
        chownSync(pwFile, user.uid, user.gid);
      }
      try {
        await asUser(user, bins.initdb, [
          `--pgdata=${pgDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ]);
      } finally {
        rmSync(pwFile, { force: true });
      }
    }

    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      max_connections: '200',
      ...opts.settings,
    };
    const postgresArgs = [`-p ${opts.port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    try {
      await asUser(user, bins.pgCtl, [
        '-D',
        pgDir,
        '-l',
        join(pgDir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        postgresArgs,
        'start',
      ]);
    } catch (e) {
      const tail = (() => {
        try {
          return readFileSync(join(pgDir, 'server.log'), 'utf8').trim().split('\n').slice(-5).join('\n');
        } catch {
          return '';
        }
      })();
      const hint = /could not bind|Address already in use/.test(tail)
        ? `port ${opts.port} is taken; set BUTTERFLY_PG_PORT to a free port`
        : (e as Error).message;
      throw new Error(`Could not start the embedded PostgreSQL in ${pgDir}: ${hint}\n${tail}`);
    }
    await verifyIdentity(url(opts.port), pgDir);
    log(`embedded PostgreSQL started on 127.0.0.1:${opts.port}`);
    return {
      adminUrl: url(opts.port),
      pgDir,
      port: opts.port,
      startedHere: true,
      stop: () => stopCluster(pgDir),
    };
  });
}

/** Fast shutdown: rolls back open transactions, waits until the postmaster has exited. */
export async function stopCluster(pgDir: string) {
  if (!runningPostmaster(pgDir)) return;
  const user = postgresOsUser();
  await asUser(user, postgresBinaries(user).pgCtl, ['-D', pgDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
}
