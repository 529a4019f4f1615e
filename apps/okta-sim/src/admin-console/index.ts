import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendHtml } from '../http/respond.ts';
import type { SimOrg } from '../registry/registry.ts';
import { errorPage } from '../pages/error.ts';
import { renderConsolePage } from './pages.ts';
import { AdminSessions, SESSION_COOKIE } from './sessions.ts';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A minimal Okta Admin Console below each org (`/<org>/admin/…`): pages at Okta's URL patterns
 * that show an object's name, and the console's cookie session for its own `/api/v1` reads. It
 * exists so the browser extension can be tested against something shaped like the real console.
 */
export function createAdminConsole() {
  const sessions = new AdminSessions();
  return {
    /** Whether `below` is the console's (so the caller hands the request here). */
    owns: (below: string) => below === '/admin' || below.startsWith('/admin/'),

    async handle({ org }: SimOrg, req: IncomingMessage, res: ServerResponse, below: string, url: URL): Promise<void> {
      if (below === '/admin/_sim/session') return session(org, req, res);
      if (!sessions.holds(org.name, req))
        return sendHtml(
          res,
          401,
          errorPage(
            'login_required',
            'Sign in to the Admin Console first (POST /admin/_sim/session with the org admin SSWS token).',
          ),
        );
      const html = req.method === 'GET' ? renderConsolePage(org, below, url) : undefined;
      return html
        ? sendHtml(res, 200, html)
        : sendHtml(res, 404, errorPage('not_found', 'No such Admin Console page or object.'));
    },

    /**
     * The console reads `/api/v1` with its session cookie: a GET without an Authorization header,
     * carrying a live session of this org, acts as the org's admin. Reads only, as Okta also
     * requires its XSRF token for anything else.
     */
    authorizeApiRead({ org }: SimOrg, req: IncomingMessage): void {
      if (req.headers.authorization !== undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return;
      if (sessions.holds(org.name, req)) req.headers.authorization = `SSWS ${org.admin.token}`;
    },
  };

  /** POST opens a session for the org's admin token (a sign-in); DELETE ends it. */
  function session(org: SimOrg['org'], req: IncomingMessage, res: ServerResponse) {
    const cookie = (value: string, extra = '') =>
      `${SESSION_COOKIE}=${value}; Path=/${org.name}; HttpOnly; SameSite=Lax${extra}`;
    if (req.method === 'DELETE') {
      sessions.close(org.name, req);
      return void res.writeHead(204, { 'set-cookie': cookie('', '; Max-Age=0') }).end();
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST, DELETE' }).end();
    const [scheme = '', token = ''] = (req.headers.authorization ?? '').split(/\s+/, 2);
    const live = org.data.table('apiTokens').has(org.admin.tokenId);
    if (scheme !== 'SSWS' || !live || !sameSecret(token, org.admin.token)) return void res.writeHead(401).end();
    res.writeHead(204, { 'set-cookie': cookie(sessions.open(org.name)) }).end();
  }
}

export type AdminConsole = ReturnType<typeof createAdminConsole>;
