import type { IncomingMessage, ServerResponse } from 'node:http';
import { tokenEndpoint } from './auth/token-endpoint.ts';
import type { ControlApi } from './control/api.ts';
import { handleControl } from './control/routes.ts';
import type { TDeps } from './deps.ts';
import { handleDirectory, isDirectoryPath } from './directory/routes.ts';
import { handleGroupsSettings, isGroupsSettingsPath } from './groups-settings/routes.ts';
import { escapeHtml, json, type TReply, writeReply } from './http/io.ts';
import { GoogleError } from './model/errors.ts';
import { authorizeChoice, authorizePage } from './oidc/authorize.ts';
import { certs, discovery } from './oidc/discovery.ts';
import { revoke } from './oidc/revoke.ts';
import { userinfo } from './oidc/userinfo.ts';
import { handleCloudIdentity, isCloudIdentityPath } from './policy/routes.ts';
import { handleReports, isReportsPath } from './reports/routes.ts';

function homePage(deps: TDeps): TReply {
  const rows = [...deps.world.customers.values()]
    .map((c) => `<li><code>${escapeHtml(c.id)}</code> ${escapeHtml(c.customerDomain)} (${c.users.size} users)</li>`)
    .join('');
  return {
    status: 200,
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>google-sim</title></head><body><h1>google-sim</h1><p>Customers:</p><ul>${rows}</ul></body></html>`,
  };
}

async function route(
  deps: TDeps,
  control: ControlApi,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<TReply | undefined> {
  const p = url.pathname;
  const method = req.method ?? 'GET';
  if (p === '/_sim' || p.startsWith('/_sim/')) {
    await handleControl(control, req, res, p);
    return undefined;
  }
  if (p === '/token' && method === 'POST') return tokenEndpoint(deps, req);
  if (p === '/revoke' && method === 'POST') return revoke(deps, req, url);
  if (p === '/.well-known/openid-configuration' && method === 'GET') return discovery(deps);
  if (p === '/oauth2/v3/certs' && method === 'GET') return certs(deps);
  if (p === '/o/oauth2/v2/auth' && method === 'GET') return authorizePage(deps, url);
  if (p === '/o/oauth2/v2/auth' && method === 'POST') return authorizeChoice(deps, req);
  if ((p === '/v1/userinfo' || p === '/oauth2/v3/userinfo') && method === 'GET') return userinfo(deps, req);
  if (isDirectoryPath(p)) return handleDirectory(deps, req, url);
  if (isGroupsSettingsPath(p)) return handleGroupsSettings(deps, req, url);
  if (isReportsPath(p)) return handleReports(deps, req, url);
  if (isCloudIdentityPath(p)) return handleCloudIdentity(deps, req, url);
  if (p === '/' && method === 'GET') return homePage(deps);
  return json({ error: { code: 404, message: `google-sim serves no ${method} ${p}`, status: 'NOT_FOUND' } }, 404);
}

/**
 * One base URL plays every Google host Butterfly calls (oauth2.googleapis.com, accounts.google.com,
 * www.googleapis.com, admin.googleapis.com, openidconnect.googleapis.com, cloudidentity.googleapis.com):
 * their paths do not collide. `/_sim` is the control API.
 */
export function createRequestHandler(deps: TDeps, control: ControlApi) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://google-sim');
      const reply = await route(deps, control, req, res, url);
      if (reply) writeReply(res, reply);
    } catch (error) {
      if (error instanceof GoogleError)
        return writeReply(res, { status: error.status, headers: error.headers, body: error.body });
      deps.log.error({ err: error, url: req.url }, 'request failed');
      if (res.headersSent) res.destroy();
      else
        writeReply(res, { status: 500, body: { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } } });
    }
  };
}
