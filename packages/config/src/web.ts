import { z } from 'zod';
import { parseEnv } from './parse.ts';

export const ZWebEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  })
  .transform((env) => ({
    ...env,
    APP_URL: env.APP_URL.replace(/\/+$/, ''),
    /** Cookies are `Secure` and HSTS is sent exactly when the public URL is https. */
    secureCookies: env.APP_URL.startsWith('https://'),
  }));
export type TWebEnv = z.output<typeof ZWebEnv>;

export const webEnv = (env?: Record<string, string | undefined>) => parseEnv('web', ZWebEnv, env);
