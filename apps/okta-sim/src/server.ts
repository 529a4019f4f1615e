import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAdminConsole } from './admin-console/index.ts';
import { clientCredentials } from './api/auth/client-credentials.ts';
import type { createApiHandler } from './api/handler.ts';
import { isManagementPath } from './api/routes.ts';
import type { ControlApi } from './control/api.ts';
import { handleControl } from './control/routes.ts';
import { readBody } from './http/body.ts';
import { sendHtml, sendJson } from './http/respond.ts';
import type { SimLogger } from './log.ts';
import { handleInteraction } from './oidc/interaction.ts';
import type { OrgRegistry, SimOrg } from './registry/registry.ts';
import { errorPage } from './pages/error.ts';
import { homePage } from './pages/home.ts';

export interface TServerDeps {
  registry: OrgRegistry;
  api: ControlApi;
  log: SimLogger;
  management: ReturnType<typeof createApiHandler>;
  clock: () => number;
}

/**
 * `POST /<org>/oauth2/v1/token`: the client-credentials grant of service apps is ours (Okta's
 * private_key_jwt flow for the Management API); every other grant goes on to oidc-provider. The
 * body has been read to decide, so it is handed over through a replayed stream: oidc-provider
 * reads `req.iterator()` while `req.readable` is true.
 */
async function tokenEndpoint(sim: SimOrg, req: IncomingMessage, res: ServerResponse, clock: () => number) {
  const text = await readBody(req);
  const form = new URLSearchParams(text);
  if (form.get('grant_type') === 'client_credentials') {
    const admission = sim.org.limiter.admit('POST', '/oauth2/v1/token');
    try {
      const reply = admission.ok
        ? await clientCredentials(sim, form, clock())
        : { status: 429, body: { error: 'too_many_requests', error_description: 'Rate limit exceeded.' } };
      res.writeHead(reply.status, {
        ...admission.headers,
        'content-type': 'application/json',
        'cache-control': 'no-store',
        pragma: 'no-cache',
      });
      return res.end(JSON.stringify(reply.body));
    } finally {
      if (admission.ok) admission.release();
    }
  }
  const buffer = Buffer.from(text);
  Object.defineProperty(req, 'readable', { value: true, configurable: true });
  Object.defineProperty(req, 'iterator', {
    value: async function* () {
      yield buffer;
    },
    configurable: true,
  });
  sim.auth.serve(req, res);
}

/**
 * Routes by the first path segment: `/_sim` is the control API, anything else names an org. Below
 * an org: the Admin Console (`/admin/…`, admin-console/), the Management API (`/api/v1/…`), our
 * sign-in pages, the client-credentials token endpoint, and everything else to the org's
 * authorization server.
 */
export function createRequestHandler({ registry, api, log, management, clock }: TServerDeps) {
  const adminConsole = createAdminConsole();
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://okta-sim');
      const { pathname } = url;
      if (pathname === '/_sim' || pathname.startsWith('/_sim/')) return await handleControl(api, req, res, pathname);
      const [, name = '', ...rest] = pathname.split('/');
      const below = `/${rest.join('/')}`;
      if (!name) return sendHtml(res, 200, homePage(registry.list().map(({ org }) => org)));
      const found = registry.find(name);
      if (!found) return sendHtml(res, 404, errorPage('not_found', `No org named ${name}.`));
      if (adminConsole.owns(below)) return await adminConsole.handle(found, req, res, below, url);
      if (isManagementPath(below)) {
        adminConsole.authorizeApiRead(found, req);
        return await management(found, req, res, below, url);
      }
      if (below === '/oauth2/v1/token' && req.method === 'POST') return await tokenEndpoint(found, req, res, clock);
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
