import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body.ts';
import { sendHtml, writeReply } from '../http/respond.ts';
import { authorizePage, completeAuthorize, type TAuthorizeResult } from './authorize.ts';
import type { TSimDeps } from './deps.ts';
import { jwks, openidConfiguration } from './discovery.ts';
import { aadstsReply } from './errors.ts';
import { endSession } from './logout.ts';
import { signedOutPage } from './pages.ts';
import { tokenEndpoint } from './token-endpoint.ts';

function writeAuthorize(res: ServerResponse, r: TAuthorizeResult) {
  if (r.location) return res.writeHead(302, { location: r.location, 'cache-control': 'no-store' }).end();
  sendHtml(res, r.status, r.html ?? '');
}

const params = async (req: IncomingMessage, url: URL) =>
  req.method === 'POST' ? new URLSearchParams(await readBody(req)) : new URLSearchParams(url.searchParams);

/** The tenant a `logout_hint` (our `login_hint` claim) names, for logouts through `common`. */
function hintedTenant(hint: string | null): string {
  try {
    return String((JSON.parse(Buffer.from(hint ?? '', 'base64url').toString('utf8')) as { tid?: string }).tid ?? '');
  } catch {
    return '';
  }
}

type TStsHandler = (
  deps: TSimDeps,
  tenant: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> | void;

const STS: Record<string, TStsHandler> = {
  'v2.0/.well-known/openid-configuration': (deps, tenant, _req, res) =>
    writeReply(res, openidConfiguration(deps, tenant)),
  'discovery/v2.0/keys': (deps, tenant, _req, res) => writeReply(res, jwks(deps, tenant)),
  'oauth2/v2.0/token': async (deps, tenant, req, res) => {
    if (req.method !== 'POST') return writeReply(res, aadstsReply('unsupportedGrant', 'the token endpoint takes POST'));
    const form = new URLSearchParams(await readBody(req));
    writeReply(res, await tokenEndpoint(deps, tenant, form, req.headers.authorization));
  },
  'oauth2/v2.0/authorize': async (deps, tenant, req, res, url) => {
    const p = await params(req, url);
    // The picker posts back with `user_id`; a relying party's POST to authorize has none yet.
    writeAuthorize(res, p.has('user_id') ? completeAuthorize(deps, tenant, p) : authorizePage(deps, tenant, p));
  },
  'oauth2/v2.0/logout': async (deps, tenant, req, res, url) => {
    const p = await params(req, url);
    const t = deps.registry.find(tenant) ?? deps.registry.find(hintedTenant(p.get('logout_hint')));
    const done = t ? await endSession(deps, t, p) : { sent: [], redirect: undefined };
    if (!done.redirect) return sendHtml(res, 200, signedOutPage());
    const to = new URL(done.redirect);
    if (p.get('state')) to.searchParams.set('state', p.get('state')!);
    res.writeHead(302, { location: to.toString() }).end();
  },
};

/** `/{tenant}/…`: the login.microsoftonline.com side. Returns false when the path is not an STS one. */
export async function handleSts(deps: TSimDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const [, tenant = '', ...rest] = url.pathname.split('/');
  const handler = STS[rest.join('/')];
  if (!handler) return false;
  await handler(deps, tenant, req, res, url);
  return true;
}
