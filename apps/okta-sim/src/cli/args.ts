import { CliError, parseSimArgv } from '@butterfly/sim-kit';
import { z } from 'zod';
import { ZClientFlag } from '../control/schemas.ts';
import type { TOktaSimOptions } from '../sim.ts';

export const USAGE = `Usage: okta-sim [options]
  --port <n>       port to listen on (default: OKTA_SIM_PORT or 4000; 0 picks a free one)
  --host <addr>    address to bind (default: 127.0.0.1)
  --seed <n>       deterministic ids and passwords, and the demo orgs acme and globex
  --users <n>      with --seed: also create user1..user<n>@acme.test (up to 100000)
  --rate-scale <x> multiply every Management API rate limit and the concurrency cap (default
                   OKTA_SIM_RATE_SCALE or 1;
                   0.1 makes them bite quickly, 100 makes them irrelevant)
  --latency <ms>   added latency of every Management API call (default 0)
  --client <json>  register a client at start (repeatable), e.g.
                   '{"org":"acme","client_id":"butterfly","client_secret":"s3cret","redirect_uris":["http://localhost:3000/sso/acme/callback"]}'
  --state <file>   keep the orgs in this file: loaded at start when it exists (instead of seeding),
                   saved after every change and at exit (pnpm start: <data dir>/okta-sim/state.json)
  --help           show this text`;

export { CliError } from '@butterfly/sim-kit';

const ZArgs = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  seed: z.string().min(1).optional(),
  users: z.coerce.number().int().min(0).max(100_000).optional(),
  rateScale: z.coerce.number().positive().max(10_000).optional(),
  latencyMs: z.coerce.number().int().min(0).max(60_000).optional(),
  state: z.string().min(1).optional(),
});

function parseClient(json: string) {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new CliError(`--client is not valid JSON: ${json}`);
  }
  const parsed = ZClientFlag.safeParse(value);
  if (!parsed.success) throw new CliError(`--client ${json}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The simulator's options from the command line; `help` when --help was asked for. */
export function parseCliArgs(
  argv: string[],
  defaultPort: number,
  defaultRateScale = 1,
): TOktaSimOptions & { help?: boolean } {
  // `pnpm start:okta-sim -- --seed 1` passes the `--` through (parseSimArgv drops it).
  const values = parseSimArgv(argv, {
    seed: { type: 'string' },
    users: { type: 'string' },
    'rate-scale': { type: 'string' },
    latency: { type: 'string' },
    client: { type: 'string', multiple: true },
  });
  if (values.help) return { help: true };
  const { 'rate-scale': rateScale, latency, ...rest } = values;
  const parsed = ZArgs.safeParse({ ...rest, rateScale, latencyMs: latency, port: values.port ?? defaultPort });
  if (!parsed.success) throw new CliError(z.prettifyError(parsed.error));
  const { port, host, seed, users, rateScale: scale, latencyMs, state } = parsed.data;
  if (users !== undefined && seed === undefined)
    throw new CliError('--users needs --seed (it adds users to the demo org)');
  return {
    port,
    host,
    seed,
    users,
    rateScale: scale ?? defaultRateScale,
    latencyMs,
    stateFile: state,
    clients: (values.client ?? []).map(parseClient),
  };
}
