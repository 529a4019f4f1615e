import { z } from 'zod';
import { parseEnv } from './parse.ts';

export const ZOktaSimEnv = z.object({
  OKTA_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  OKTA_SIM_RATE_SCALE: z.coerce.number().positive().max(10_000).default(1),
});
export type TOktaSimEnv = z.output<typeof ZOktaSimEnv>;

export const oktaSimEnv = (env?: Record<string, string | undefined>) => parseEnv('okta-sim', ZOktaSimEnv, env);
