import { isIP } from 'node:net';
import { z } from 'zod';
import { parseEnv } from './parse.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const ZBoolean = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');
/** APP_URL: the dashboard's public URL (links in alerts; cookies and HSTS in the web app). */
export const ZAppUrl = z.url({ protocol: /^https?$/ }).default('http://localhost:3000');
export const trimAppUrl = (url: string) => url.replace(/\/+$/, '');
/**
 * Outbound requests to tenant-supplied URLs (OIDC issuer, JWKS, token endpoint, Okta org, webhooks; the
 * policy of @butterfly/outbound) may reach private, loopback and link-local addresses only when allowed;
 * by default only a dashboard served on localhost (the embedded demo, where okta-sim listens on
 * 127.0.0.1) allows them.
 */
export const allowPrivateUrls = (explicit: boolean | undefined, appUrl: string) =>
  explicit ?? LOCAL_HOSTS.has(new URL(appUrl).hostname);

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
  .refine(
    (v) => !!parseDnsServer(v),
    'must be an IP address with an optional port: 10.0.0.53, 10.0.0.53:5353 or [2001:db8::53]:53',
  );

/** Chrome extension ids are 32 letters a-p; a comma-separated list, blanks ignored. */
const ZExtensionIds = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine(
    (ids) => ids.every((id) => /^[a-p]{32}$/.test(id)),
    'must be Chrome extension ids (32 letters a-p), separated by commas',
  );

/**
 * Decision 048: event-driven freshness. How often a connection with it on reads Okta's System Log,
 * and how long an event is given to show up there (and a burst of event hook calls to end) before
 * it is read. The worker polls; the web app's hook receiver queues a poll `settle` seconds later.
 */
export const ZFreshnessEnv = z.object({
  BUTTERFLY_FRESHNESS_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  BUTTERFLY_FRESHNESS_SETTLE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
});

export const ZWebEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_URL: ZAppUrl,
    BUTTERFLY_ALLOW_PRIVATE_URLS: ZBoolean.optional(),
    BUTTERFLY_DNS_SERVER: ZDnsServer.optional(),
    BUTTERFLY_EXTENSION_IDS: ZExtensionIds.optional(),
    BUTTERFLY_FRESHNESS_SETTLE_SECONDS: ZFreshnessEnv.shape.BUTTERFLY_FRESHNESS_SETTLE_SECONDS,
  })
  .transform((env) => {
    const appUrl = new URL(env.APP_URL);
    return {
      ...env,
      APP_URL: trimAppUrl(env.APP_URL),
      /** Cookies are `Secure` and HSTS is sent exactly when the public URL is https. */
      secureCookies: appUrl.protocol === 'https:',
      BUTTERFLY_ALLOW_PRIVATE_URLS: allowPrivateUrls(env.BUTTERFLY_ALLOW_PRIVATE_URLS, env.APP_URL),
      /** The extension builds whose `https://<id>.chromiumapp.org/` redirects and origins Butterfly's OAuth server accepts. */
      BUTTERFLY_EXTENSION_IDS: env.BUTTERFLY_EXTENSION_IDS ?? [],
    };
  });
export type TWebEnv = z.output<typeof ZWebEnv>;

export const webEnv = (env?: Record<string, string | undefined>) => parseEnv('web', ZWebEnv, env);
