import { z } from 'zod';
import { parseEnv } from './parse.ts';

export const ZGoogleSimEnv = z.object({
  GOOGLE_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4200),
});
export type TGoogleSimEnv = z.output<typeof ZGoogleSimEnv>;

export const googleSimEnv = (env?: Record<string, string | undefined>) => parseEnv('google-sim', ZGoogleSimEnv, env);
