/**
 * `pnpm start:entra-sim`: the simulator as a process. Prints a banner (demo tenant, issuer, app
 * credentials) and serves until SIGINT/SIGTERM, or, under `pnpm start`
 * (BUTTERFLY_SUPERVISED=1), until the supervising parent is gone.
 */
import { createLogger, entraSimEnv } from '@butterfly/config';
import { cliOptionsOrExit, serveUntilStopped } from '@butterfly/sim-kit';
import { banner } from './cli/banner.ts';
import { parseCliArgs, USAGE } from './cli/args.ts';
import { createEntraSim } from './sim.ts';

const options = cliOptionsOrExit(() => {
  const env = entraSimEnv();
  return parseCliArgs(process.argv.slice(2), env.ENTRA_SIM_PORT);
}, USAGE);

const log = createLogger('entra-sim');
const sim = await createEntraSim({ ...options, logger: log });
process.stdout.write(banner(sim));
serveUntilStopped(() => sim.close(), log);
