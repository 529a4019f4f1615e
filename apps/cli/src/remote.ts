import type { Command } from 'commander';
import type { ButterflyClient } from '@butterfly/client';
import { UsageError } from './output.ts';

/**
 * Remote mode (docs/decisions/043): a read command (and `backup run`) asks a running Butterfly over
 * its API, with an API token, instead of opening the database. `--url`/`--token`, or BUTTERFLY_URL
 * and BUTTERFLY_TOKEN (preferred for the token: argv shows in `ps` and shell history).
 */
export interface RemoteOptions {
  url?: string;
  token?: string;
}

export interface RemoteTarget {
  url: string;
  token: string;
}

/** Adds --url and --token to a command that can run remotely. */
export function remoteOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', "a running Butterfly's address: ask its API instead of the database (or BUTTERFLY_URL)")
    .option(
      '--token <token>',
      'an API token (bfy_…) for --url; prefer BUTTERFLY_TOKEN, which stays out of `ps` and shell history',
    );
}

/** The server to ask, or undefined to work on the database as before. */
export function remoteTarget(opts: RemoteOptions, env: NodeJS.ProcessEnv = process.env): RemoteTarget | undefined {
  const url = opts.url ?? env.BUTTERFLY_URL;
  const token = opts.token ?? env.BUTTERFLY_TOKEN;
  if (!url && !token) return undefined;
  if (!url) throw new UsageError('an API token needs the server too: give --url or BUTTERFLY_URL');
  if (!token) throw new UsageError('--url needs an API token: set BUTTERFLY_TOKEN (or give --token)');
  return { url, token };
}

/**
 * Runs `fn` with a client for the target, after checking that the token acts in the tenant the
 * command line names (a token belongs to exactly one tenant). The client is imported here, when a
 * remote command runs, never when the program is defined (decision 035).
 */
export async function withRemote<T>(
  target: RemoteTarget,
  slug: string,
  fn: (client: ButterflyClient) => Promise<T>,
): Promise<T> {
  const { createButterflyClient } = await import('@butterfly/client');
  const client = createButterflyClient({ ...target, headers: { 'user-agent': 'butterfly-cli' } });
  const me = await client.me.get.query();
  if (me.tenant.slug !== slug) throw new UsageError(`the token acts in tenant ${me.tenant.slug}, not ${slug}`);
  return fn(client);
}
