import { z } from 'zod';
import { parseEnv } from './parse.ts';

/**
 * Where alert emails leave from (decision 039). Unset SMTP_URL: email channels can be created, and
 * their deliveries fail with "email is not configured" in the delivery log. The URL carries the SMTP
 * password: never log it, log `redactSmtpUrl(url)`.
 */
export const ZSmtpEnv = z
  .object({
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SMTP_FROM: z
      .email({ message: 'must be an email address' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .refine((e) => !e.SMTP_URL || e.SMTP_FROM, { path: ['SMTP_FROM'], message: 'is required with SMTP_URL' });
export type TSmtpEnv = z.output<typeof ZSmtpEnv>;

export const smtpEnv = (env?: Record<string, string | undefined>) => parseEnv('smtp', ZSmtpEnv, env);

/** The URL with its password (and user) replaced: what may appear in logs and errors. */
export function redactSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username) u.username = 'redacted';
    if (u.password) u.password = 'redacted';
    return u.toString();
  } catch {
    return 'invalid SMTP URL';
  }
}
