/**
 * `pnpm start:google-sim`: the simulator as a process. Prints a banner (demo customer, service
 * account, sign-in client) and serves until SIGINT/SIGTERM, or, under `pnpm start`
 * (BUTTERFLY_SUPERVISED=1), until the supervising parent is gone.
 */
import { createLogger, googleSimEnv } from '@butterfly/config';
import { cliOptionsOrExit, serveUntilStopped } from '@butterfly/sim-kit';
import { banner } from './cli/banner.ts';
import { parseCliArgs, USAGE } from './cli/args.ts';
import { createGoogleSim } from './sim.ts';

const options = cliOptionsOrExit(() => parseCliArgs(process.argv.slice(2), googleSimEnv().GOOGLE_SIM_PORT), USAGE);

const log = createLogger('google-sim');
const sim = await createGoogleSim({ ...options, logger: log });
process.stdout.write(banner(sim));
serveUntilStopped(() => sim.close(), log);
