import { isIP } from 'node:net';
import { z } from 'zod';
import { parseEnv } from './parse.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const ZBoolean = z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1');

/** `host` or `host:port` of a DNS server, as node:dns `Resolver.setServers` takes it: an IP, not a name. */
export function parseDnsServer(v: string): { host: string; port?: number } | undefined {
  if (isIP(v) === 6) return { host: v };
  const m = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(v) ?? /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(v);
  if (!m || isIP(m[1]!) === 0) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host: m[1]!, port };
}

const ZDnsServer = z
  .string()
  .refine((v) => !!parseDnsServer(v), 'must be an IP address with an optional port: 10.0.0.53, 10.0.0.53:5353 or [2001:db8::53]:53');

/** Chrome extension ids are 32 letters a-p; a comma-separated list, blanks ignored. */
const ZExtensionIds = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .refine((ids) => ids.every((id) => /^[a-p]{32}$/.test(id)), 'must be Chrome extension ids (32 letters a-p), separated by commas');

export const ZWebEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
    BUTTERFLY_ALLOW_PRIVATE_URLS: ZBoolean.optional(),
    BUTTERFLY_DNS_SERVER: ZDnsServer.optional(),
    BUTTERFLY_EXTENSION_IDS: ZExtensionIds.optional(),
  })
  .transform((env) => {
    const appUrl = new URL(env.APP_URL);
    return {
      ...env,
      APP_URL: env.APP_URL.replace(/\/+$/, ''),
      /** Cookies are `Secure` and HSTS is sent exactly when the public URL is https. */
      secureCookies: appUrl.protocol === 'https:',
      /**
       * Outbound requests to tenant-supplied URLs (OIDC issuer, JWKS, token endpoint, Okta org, webhooks; the
       * policy of @butterfly/outbound) may reach private, loopback and
       * link-local addresses only when allowed; by default only a dashboard served on localhost (the
       * embedded demo, where okta-sim listens on 127.0.0.1) allows them.
       */
      BUTTERFLY_ALLOW_PRIVATE_URLS: env.BUTTERFLY_ALLOW_PRIVATE_URLS ?? LOCAL_HOSTS.has(appUrl.hostname),
      /** The extension builds whose `https://<id>.chromiumapp.org/` redirects and origins Butterfly's OAuth server accepts. */
      BUTTERFLY_EXTENSION_IDS: env.BUTTERFLY_EXTENSION_IDS ?? [],
    };
  });
export type TWebEnv = z.output<typeof ZWebEnv>;

export const webEnv = (env?: Record<string, string | undefined>) => parseEnv('web', ZWebEnv, env);
