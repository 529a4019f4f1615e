/**
 * `pnpm start:entra-sim`: the simulator as a process. Prints a banner (demo tenant, issuer, app
 * credentials) and serves until SIGINT/SIGTERM, or, under `pnpm start`
 * (BUTTERFLY_SUPERVISED=1), until the supervising parent is gone.
 */
import { createLogger, entraSimEnv } from '@butterfly/config';
import { banner } from './cli/banner.ts';
import { CliError, parseCliArgs, USAGE } from './cli/args.ts';
import { createEntraSim } from './sim.ts';

let options: ReturnType<typeof parseCliArgs>;
try {
  const env = entraSimEnv();
  options = parseCliArgs(process.argv.slice(2), env.ENTRA_SIM_PORT);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const log = createLogger('entra-sim');
const sim = await createEntraSim({ ...options, logger: log });
process.stdout.write(banner(sim));

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, 'stopping');
  // Never hang on a stuck connection: exit anyway after 5 s.
  setTimeout(() => process.exit(1), 5000).unref();
  await sim.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

// Reparented (the supervisor died without stopping us): exit rather than keep the port busy.
if (process.env.BUTTERFLY_SUPERVISED === '1') {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent || process.ppid === 1) void stop('parent exited');
  }, 1000).unref();
}
