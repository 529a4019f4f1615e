import { resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv } from './parse.ts';

const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

/**
 * Where sealed snapshot bodies are kept (decision 044). `postgres` (the default) keeps them in the
 * `object_versions` table as before; `filesystem` in a directory; `s3` in a bucket of an
 * S3-compatible object store. Bodies are encrypted before they reach any of them.
 */
export const ZBodyStoreEnv = z
  .object({
    BUTTERFLY_BODY_STORE: z
      .enum(['postgres', 'filesystem', 's3'], { message: 'must be postgres, filesystem or s3' })
      .default('postgres'),
    BUTTERFLY_BODY_DIR: z.string().optional(),
    BUTTERFLY_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
    BUTTERFLY_S3_REGION: z.string().min(1).default('us-east-1'),
    BUTTERFLY_S3_BUCKET: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)',
      )
      .optional(),
    BUTTERFLY_S3_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9!_.*'()/-]*$/, "may hold only letters, digits and !_.*'()/-")
      .default(''),
    BUTTERFLY_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    BUTTERFLY_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    BUTTERFLY_S3_PATH_STYLE: flag.default(true),
  })
  .superRefine((env, ctx) => {
    const need = (key: keyof typeof env, why: string) => {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
    };
    if (env.BUTTERFLY_BODY_STORE === 'filesystem') need('BUTTERFLY_BODY_DIR', 'with BUTTERFLY_BODY_STORE=filesystem');
    if (env.BUTTERFLY_BODY_STORE === 's3') {
      for (const k of [
        'BUTTERFLY_S3_ENDPOINT',
        'BUTTERFLY_S3_BUCKET',
        'BUTTERFLY_S3_ACCESS_KEY_ID',
        'BUTTERFLY_S3_SECRET_ACCESS_KEY',
      ] as const)
        need(k, 'with BUTTERFLY_BODY_STORE=s3');
    }
  })
  .transform((env) => {
    if (env.BUTTERFLY_BODY_STORE === 'filesystem')
      return { kind: 'filesystem' as const, dir: resolve(env.BUTTERFLY_BODY_DIR!) };
    if (env.BUTTERFLY_BODY_STORE === 's3') {
      return {
        kind: 's3' as const,
        endpoint: env.BUTTERFLY_S3_ENDPOINT!.replace(/\/+$/, ''),
        region: env.BUTTERFLY_S3_REGION,
        bucket: env.BUTTERFLY_S3_BUCKET!,
        prefix: env.BUTTERFLY_S3_PREFIX.replace(/^\/+|\/+$/g, ''),
        accessKeyId: env.BUTTERFLY_S3_ACCESS_KEY_ID!,
        secretAccessKey: env.BUTTERFLY_S3_SECRET_ACCESS_KEY!,
        pathStyle: env.BUTTERFLY_S3_PATH_STYLE,
      };
    }
    return { kind: 'postgres' as const };
  });
export type TBodyStoreEnv = z.output<typeof ZBodyStoreEnv>;

export const bodyStoreEnv = (env?: Record<string, string | undefined>) => parseEnv('body store', ZBodyStoreEnv, env);
