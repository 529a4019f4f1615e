import { z } from 'zod';
import { parseEnv } from './parse.ts';

export const ZEntraSimEnv = z.object({
  ENTRA_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
});
export type TEntraSimEnv = z.output<typeof ZEntraSimEnv>;

export const entraSimEnv = (env?: Record<string, string | undefined>) => parseEnv('entra-sim', ZEntraSimEnv, env);
