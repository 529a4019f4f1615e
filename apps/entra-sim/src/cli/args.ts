import { CliError, parseSimArgv } from '@butterfly/sim-kit';
import { z } from 'zod';
import type { TEntraSimOptions } from '../sim.ts';

export const USAGE = `Usage: entra-sim [options]
  --port <n>          port to listen on (default: ENTRA_SIM_PORT or 4100; 0 picks a free one)
  --host <addr>       address to bind (default: 127.0.0.1)
  --page-size <n>     Graph page size when $top is not given (default 100)
  --no-demo           start with no tenant (create them with POST /_sim/tenants)
  --redirect-uri <u>  a redirect URI of the demo sign-in app (repeatable)
  --logout-url <u>    the demo sign-in app's front-channel LogoutUrl
  --state <file>      keep tenants and keys in this file: loaded at start when it exists (instead of
                      seeding), saved after every change and at exit (pnpm start: <data dir>/entra-sim/state.json)
  --help              show this text`;

export { CliError } from '@butterfly/sim-kit';

const ZArgs = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  pageSize: z.coerce.number().int().min(1).max(999),
  redirectUris: z.array(z.url()),
  logoutUrl: z.url().optional(),
  state: z.string().min(1).optional(),
});

/** The simulator's options from the command line; `help` when --help was asked for. */
export function parseCliArgs(argv: string[], defaultPort: number): TEntraSimOptions & { help?: boolean } {
  // `pnpm start:entra-sim -- --port 1` passes the `--` through (parseSimArgv drops it).
  const values = parseSimArgv(argv, {
    'page-size': { type: 'string', default: '100' },
    'no-demo': { type: 'boolean' },
    'redirect-uri': { type: 'string', multiple: true },
    'logout-url': { type: 'string' },
  });
  if (values.help) return { help: true };
  const parsed = ZArgs.safeParse({
    port: values.port ?? defaultPort,
    host: values.host,
    pageSize: values['page-size'],
    redirectUris: values['redirect-uri'] ?? [],
    logoutUrl: values['logout-url'],
    state: values.state,
  });
  if (!parsed.success) throw new CliError(z.prettifyError(parsed.error));
  const { port, host, pageSize, redirectUris, logoutUrl, state } = parsed.data;
  return { port, host, pageSize, demo: !values['no-demo'], signIn: { redirectUris, logoutUrl }, stateFile: state };
}
