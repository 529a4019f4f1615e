/**
 * Holds the embedded PostgreSQL for `pnpm start` (scripts/start.ts spawns it).
 *
 * The embedded server is a pg_ctl daemon: it outlives whoever started it. Keeping its lifetime in a
 * small process of its own means the supervisor can be killed outright and the database still goes
 * down: this process notices that its parent is gone (`exitWithParent`, or stdin closing) and stops
 * the cluster it started.
 *
 * Protocol: one JSON line on stdout, `{"ready":true,"url":...,"startedHere":...,"pgDir":...}`, or
 * `{"ready":false,"error":...}` and exit 1. Diagnostics go to stderr.
 */
import { databaseEnv, exitWithParent } from '@butterfly/config';
import { type DatabaseServer, ensureDatabase } from '@butterfly/db/server';

const say = (msg: string) => process.stderr.write(`${msg}\n`);
let stopping = false;
// Stopping while the server is still starting waits for the start, so a started server is never left.
const starting: Promise<DatabaseServer> = ensureDatabase({ env: databaseEnv(), log: say });

async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 9_000);
  force.unref();
  try {
    const database = await starting.catch(() => undefined);
    if (database?.startedHere) {
      say(`stopping the embedded PostgreSQL (${reason})`);
      await database.stop();
    }
    process.exit(0);
  } catch (e) {
    say(`could not stop the embedded PostgreSQL: ${(e as Error).message}`);
    process.exit(1);
  }
}

// Only SIGTERM (from the supervisor, after the apps are down) stops the database. Ctrl-C and a
// closed terminal signal the whole process group at once, and the apps still need the database
// while they shut down; the supervisor follows up with SIGTERM, or, if it died, we see that below.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.on('SIGTERM', () => void stop('SIGTERM'));
exitWithParent(() => void stop('supervisor exited'));
// A pipe closes the instant its writer dies: quicker than the one-second poll above.
process.stdin.on('end', () => void stop('supervisor exited')).resume();

try {
  const { url, startedHere, pgDir } = await starting;
  if (!startedHere) say('attached to an embedded PostgreSQL that was already running; it stays up on exit');
  process.stdout.write(`${JSON.stringify({ ready: true, url, startedHere, pgDir })}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ ready: false, error: (e as Error).message })}\n`);
  process.exitCode = 1;
  await stop('failed to start');
}
