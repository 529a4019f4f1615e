import { z } from 'zod';
import { parseEnv } from './parse.ts';

export const ZScimEnv = z
  .object({
    SCIM_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    SCIM_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Decision 050: `yes` when the SCIM app reaches Postgres through a pooler in transaction mode, where
     * neither prepared statements nor LISTEN outlive a transaction: both are then off.
     */
    SCIM_TRANSACTION_POOLER: z.enum(['no', 'yes']).default('no'),
  })
  .transform((env) => ({
    ...env,
    /** Base URL of the SCIM API as clients see it, used in `meta.location` and `Location`. */
    SCIM_PUBLIC_URL: (env.SCIM_PUBLIC_URL ?? `http://localhost:${env.SCIM_PORT}/scim/v2`).replace(/\/+$/, ''),
  }));
export type TScimEnv = z.output<typeof ZScimEnv>;

export const scimEnv = (env?: Record<string, string | undefined>) => parseEnv('scim', ZScimEnv, env);
