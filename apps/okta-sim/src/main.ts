/**
 * `pnpm start:okta-sim -- --seed 1`: the simulator as a process. Prints a banner (org URLs,
 * demo credentials, clients) and serves until SIGINT/SIGTERM, or, under `pnpm start`
 * (BUTTERFLY_SUPERVISED=1), until the supervising parent is gone.
 */
import { createLogger, oktaSimEnv } from '@butterfly/config';
import { cliOptionsOrExit, serveUntilStopped } from '@butterfly/sim-kit';
import { banner } from './cli/banner.ts';
import { parseCliArgs, USAGE } from './cli/args.ts';
import { createOktaSim } from './sim.ts';

const options = cliOptionsOrExit(() => {
  const env = oktaSimEnv();
  return parseCliArgs(process.argv.slice(2), env.OKTA_SIM_PORT, env.OKTA_SIM_RATE_SCALE);
}, USAGE);

const log = createLogger('okta-sim');
const sim = await createOktaSim({ ...options, logger: log });
process.stdout.write(banner(sim, options.seed === undefined ? undefined : String(options.seed)));
serveUntilStopped(() => sim.close(), log);
