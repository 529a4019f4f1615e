import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlApi } from './control/api.ts';
import { handleControl } from './control/routes.ts';
import { sendHtml, sendJson } from './http/respond.ts';
import type { SimLogger } from './log.ts';
import { handleInteraction } from './oidc/interaction.ts';
import type { OrgRegistry } from './orgs/registry.ts';
import { errorPage } from './pages/error.ts';
import { homePage } from './pages/home.ts';

/**
 * Routes by the first path segment: `/_sim` is the control API, anything else names an org. Below
 * an org, our own sign-in pages come first and everything else goes to its authorization server
 * (the Management API will claim `/api/v1` here).
 */
export function createRequestHandler(registry: OrgRegistry, api: ControlApi, log: SimLogger) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://okta-sim');
      if (pathname === '/_sim' || pathname.startsWith('/_sim/')) return await handleControl(api, req, res, pathname);
      const [, name = '', ...rest] = pathname.split('/');
      const below = `/${rest.join('/')}`;
      if (!name) return sendHtml(res, 200, homePage(registry.list().map(({ org }) => org)));
      const found = registry.find(name);
      if (!found) return sendHtml(res, 404, errorPage('not_found', `No org named ${name}.`));
      const interaction = /^\/interaction\/([\w-]+)$/.exec(below);
      if (interaction) return await handleInteraction(found.auth, req, res, interaction[1]!);
      if (below === '/') return sendHtml(res, 200, homePage([found.org]));
      found.auth.serve(req, res);
    } catch (error) {
      log.error({ err: error, url: req.url }, 'request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'server_error' });
    }
  };
}
