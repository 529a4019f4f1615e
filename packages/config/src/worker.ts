import { z } from 'zod';
import { parseEnv } from './parse.ts';
import { ZAppUrl, ZBoolean, ZFreshnessEnv, allowPrivateUrls, trimAppUrl } from './web.ts';

/**
 * The worker's own settings: how many jobs it runs at once, and the two it shares with the web app
 * (APP_URL for links back to the dashboard in alerts, and whether alert webhooks and IdP calls may
 * reach private addresses, with the same default). It reads none of the web app's other keys.
 */
export const ZWorkerEnv = z
  .object({
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
    APP_URL: ZAppUrl,
    BUTTERFLY_ALLOW_PRIVATE_URLS: ZBoolean.optional(),
    ...ZFreshnessEnv.shape,
    /** Decision 064: minutes between Google directory syncs of a connection with sync on. */
    BUTTERFLY_DIRECTORY_SYNC_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  })
  .transform((env) => ({
    ...env,
    APP_URL: trimAppUrl(env.APP_URL),
    BUTTERFLY_ALLOW_PRIVATE_URLS: allowPrivateUrls(env.BUTTERFLY_ALLOW_PRIVATE_URLS, env.APP_URL),
  }));
export type TWorkerEnv = z.output<typeof ZWorkerEnv>;

export const workerEnv = (env?: Record<string, string | undefined>) => parseEnv('worker', ZWorkerEnv, env);
