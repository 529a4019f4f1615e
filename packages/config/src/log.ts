import { z } from 'zod';
import { parseEnv } from './parse.ts';

export const ZLogEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type TLogEnv = z.output<typeof ZLogEnv>;

export const logEnv = (env?: Record<string, string | undefined>) => parseEnv('log', ZLogEnv, env);
