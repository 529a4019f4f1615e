import { PAGE_RULES, type PageRule } from './pages.ts';

export interface ConsolePage {
  rule: PageRule;
  /** Where the console's own `/api/v1` is: its origin, plus okta-sim's org path. */
  consoleBase: string;
  /** The org URL Butterfly's connections name (the `-admin` host mapped to the org's). */
  orgUrl: string;
  /** The object's id, when the URL names it; page rules find it in the page (pick-from-page.ts). */
  id?: string;
}

/** The admin host `acme-admin.okta.com` belongs to the org `acme.okta.com`. */
const ADMIN_HOST = /^([a-z0-9-]+)-admin\.(okta|oktapreview|okta-emea)\.com$/i;

/**
 * Which console page a URL is, or null. The console lives at `/admin/` on the org's admin host; the
 * simulator serves each org below one path segment, so at most one segment may come before it.
 */
export function matchPage(href: string): ConsolePage | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const at = url.pathname.indexOf('/admin/');
  if (at < 0) return null;
  const prefix = url.pathname.slice(0, at);
  if (!/^(\/[\w.-]+)?$/.test(prefix)) return null;
  const path = url.pathname.slice(at);
  const hash = url.hash.replace(/^#\/?/, '');
  for (const rule of PAGE_RULES) {
    const m = rule.path.exec(path);
    if (!m) continue;
    let id: string | undefined;
    if (rule.id?.from === 'path') id = m[rule.id.group];
    if (rule.id?.from === 'hash') {
      id = rule.id.pattern?.exec(hash)?.[rule.id.group];
      if (!id) return null; // the list itself, no object open
    }
    const orgHost = url.host.replace(ADMIN_HOST, '$1.$2.com');
    return {
      rule,
      consoleBase: `${url.origin}${prefix}`,
      orgUrl: `${url.protocol}//${orgHost}${prefix}`,
      ...(id ? { id } : {}),
    };
  }
  return null;
}

/** The catalog type of an object read through `rule` (a policy's depends on its body). */
export function typeOf(rule: PageRule, body: unknown): string | undefined {
  if (typeof rule.type === 'string') return rule.type;
  const v = (body as Record<string, unknown> | null)?.[rule.type.field];
  return typeof v === 'string' && /^[A-Z_]+$/.test(v) ? `${rule.type.prefix}${v}` : undefined;
}

/** The console path that reads one object. */
export const readPath = (rule: PageRule, id: string) => rule.read.replace('{id}', encodeURIComponent(id));
