import { resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv } from './parse.ts';
import { repoRoot } from './paths.ts';

const masterKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

export const ZDatabaseEnv = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    BUTTERFLY_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    BUTTERFLY_DATA_DIR: z.string().default(resolve(repoRoot, '.butterfly')),
    BUTTERFLY_MASTER_KEY: masterKey.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.BUTTERFLY_MASTER_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['BUTTERFLY_MASTER_KEY'],
        message: 'is required when DATABASE_URL is set (it is generated only for the embedded database)',
      });
    }
  })
  .transform((env) => ({
    ...env,
    BUTTERFLY_DATA_DIR: resolve(env.BUTTERFLY_DATA_DIR),
    embedded: !env.DATABASE_URL,
  }));
export type TDatabaseEnv = z.output<typeof ZDatabaseEnv>;

export const databaseEnv = (env?: Record<string, string | undefined>) => parseEnv('database', ZDatabaseEnv, env);
