import { CliError, parseSimArgv } from '@butterfly/sim-kit';
import { z } from 'zod';
import type { TGoogleSimOptions } from '../sim.ts';

export const USAGE = `Usage: google-sim [options]
  --port <n>          port to listen on (default: GOOGLE_SIM_PORT or 4200; 0 picks a free one)
  --host <addr>       address to bind (default: 127.0.0.1)
  --no-demo           start with no customer, service account or client
  --redirect-uri <u>  a redirect URI of the demo sign-in client (repeatable)
  --state <file>      keep customers and keys in this file: loaded at start when it exists (instead of
                      seeding), saved after every change and at exit (pnpm start: <data dir>/google-sim/state.json)
  --help              show this text`;

export { CliError } from '@butterfly/sim-kit';

const ZArgs = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  redirectUris: z.array(z.url()),
  state: z.string().min(1).optional(),
});

/** The simulator's options from the command line; `help` when --help was asked for. */
export function parseCliArgs(argv: string[], defaultPort: number): TGoogleSimOptions & { help?: boolean } {
  const values = parseSimArgv(argv, {
    'no-demo': { type: 'boolean' },
    'redirect-uri': { type: 'string', multiple: true },
  });
  if (values.help) return { help: true };
  const parsed = ZArgs.safeParse({
    port: values.port ?? defaultPort,
    host: values.host,
    redirectUris: values['redirect-uri'] ?? [],
    state: values.state,
  });
  if (!parsed.success) throw new CliError(z.prettifyError(parsed.error));
  const { port, host, redirectUris, state } = parsed.data;
  return { port, host, demo: !values['no-demo'], redirectUris, stateFile: state };
}
