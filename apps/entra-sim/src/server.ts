import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlApi } from './control/api.ts';
import { handleControl } from './control/routes.ts';
import { handleGraph } from './graph/handler.ts';
import { SkipTokens } from './graph/paging.ts';
import { userinfo } from './graph/userinfo.ts';
import { escapeHtml, sendHtml, sendJson, writeReply } from './http/respond.ts';
import { SimError } from './model/errors.ts';
import type { TSimDeps } from './sts/deps.ts';
import { handleSts } from './sts/routes.ts';

function homePage(deps: TSimDeps): string {
  const rows = deps.registry
    .list()
    .map(
      (t) =>
        `<li><code>${escapeHtml(t.id)}</code> ${escapeHtml(t.displayName)} (${escapeHtml(t.domain)}, ${t.userCount} users)</li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>entra-sim</title></head><body><h1>entra-sim</h1><p>Tenants:</p><ul>${rows}</ul></body></html>`;
}

/**
 * Routes by the first path segment: `/_sim` is the control API, `/v1.0` and `/beta` are Graph,
 * anything else names a tenant on the STS side (GUID, domain, `common` or `organizations`).
 */
export function createRequestHandler(deps: TSimDeps, api: ControlApi) {
  const tokens = new SkipTokens();
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://entra-sim');
      const { pathname } = url;
      if (pathname === '/_sim' || pathname.startsWith('/_sim/')) return await handleControl(api, req, res, pathname);
      if (pathname.startsWith('/v1.0/') || pathname.startsWith('/beta/'))
        return writeReply(res, await handleGraph(deps, tokens, req, url));
      if (pathname === '/oidc/userinfo' && req.method === 'GET') return writeReply(res, await userinfo(deps, req));
      if (pathname === '/') return sendHtml(res, 200, homePage(deps));
      if (await handleSts(deps, req, res, url)) return;
      sendJson(res, 404, { error: 'not_found', message: `entra-sim serves no ${req.method} ${pathname}` });
    } catch (error) {
      if (error instanceof SimError) return sendJson(res, error.status, { error: error.code, message: error.message });
      deps.log.error({ err: error, url: req.url }, 'request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'server_error' });
    }
  };
}
