import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson } from '../http/body.ts';
import { sendJson } from '../http/respond.ts';
import { SimError } from '../model/errors.ts';
import type { ControlApi } from './api.ts';
import { PUSH_ROUTES } from '../push/control.ts';
import type {
  TAddFaultInput,
  TAppShareInput,
  TCreateApiTokenInput,
  TCreateClientInput,
  TCreateOrgInput,
  TCreateUserInput,
  TUpdateUserInput,
} from './schemas.ts';

type Handler = (
  api: ControlApi,
  params: string[],
  body: unknown,
  req: IncomingMessage,
) => Promise<[number, unknown?, string?]> | [number, unknown?, string?];

/** `/_sim`: JSON in, JSON out, no authentication (a local simulator bound to 127.0.0.1). */
const ROUTES: [string, RegExp, Handler][] = [
  [
    'POST',
    /^\/_sim\/reset$/,
    (api) => {
      api.reset();
      return [204];
    },
  ],
  ['GET', /^\/_sim\/orgs$/, (api) => [200, api.listOrgs()]],
  ['POST', /^\/_sim\/orgs$/, async (api, _, body) => [201, await api.createOrg(body as TCreateOrgInput)]],
  ['GET', /^\/_sim\/orgs\/([^/]+)$/, (api, [org]) => [200, api.getOrg(org!)]],
  ['GET', /^\/_sim\/orgs\/([^/]+)\/users$/, (api, [org]) => [200, api.listUsers(org!)]],
  [
    'POST',
    /^\/_sim\/orgs\/([^/]+)\/users$/,
    async (api, [org], body) => [201, await api.addUser(org!, body as TCreateUserInput)],
  ],
  [
    'PATCH',
    /^\/_sim\/orgs\/([^/]+)\/users\/([^/]+)$/,
    (api, [org, id], body) => [200, api.updateUser(org!, id!, body as TUpdateUserInput)],
  ],
  [
    'POST',
    /^\/_sim\/orgs\/([^/]+)\/clients$/,
    (api, [org], body) => [201, api.addClient(org!, body as TCreateClientInput)],
  ],
  ['POST', /^\/_sim\/orgs\/([^/]+)\/rotate-keys$/, async (api, [org]) => [200, await api.rotateKeys(org!)]],
  [
    'GET',
    /^\/_sim\/orgs\/([^/]+)\/service-app-key$/,
    // PEM by default (`curl … > key.pem`), the JSON view (with kid and client id) on request.
    (api, [org], _body, req) => {
      const key = api.serviceAppKey(org!);
      return (req.headers.accept ?? '').includes('application/json')
        ? [200, key]
        : [200, key.privateKeyPem, 'application/x-pem-file'];
    },
  ],
  ['GET', /^\/_sim\/orgs\/([^/]+)\/stats$/, (api, [org]) => [200, api.stats(org!)]],
  [
    'PUT',
    /^\/_sim\/orgs\/([^/]+)\/clients\/([^/]+)\/rate-limit-share$/,
    (api, [org, clientId], body) => [200, api.setAppShare(org!, clientId!, body as TAppShareInput)],
  ],
  [
    'POST',
    /^\/_sim\/orgs\/([^/]+)\/faults$/,
    (api, [org], body) => {
      api.addFault(org!, body as TAddFaultInput);
      return [204];
    },
  ],
  [
    'POST',
    /^\/_sim\/orgs\/([^/]+)\/api-tokens$/,
    (api, [org], body) => [201, api.createApiToken(org!, body as TCreateApiTokenInput)],
  ],
  [
    'DELETE',
    /^\/_sim\/orgs\/([^/]+)\/faults$/,
    (api, [org]) => {
      api.clearFaults(org!);
      return [204];
    },
  ],
  [
    'DELETE',
    /^\/_sim\/orgs\/([^/]+)\/stats$/,
    (api, [org]) => {
      api.resetStats(org!);
      return [204];
    },
  ],
  ...(PUSH_ROUTES as [string, RegExp, Handler][]),
];

export async function handleControl(api: ControlApi, req: IncomingMessage, res: ServerResponse, pathname: string) {
  const matching = ROUTES.filter(([, pattern]) => pattern.test(pathname));
  const route = matching.find(([method]) => method === req.method);
  if (!route) {
    if (matching.length) res.setHeader('allow', matching.map(([m]) => m).join(', '));
    return sendJson(res, matching.length ? 405 : 404, { error: matching.length ? 'method_not_allowed' : 'not_found' });
  }
  const [, pattern, handler] = route;
  const params = pattern.exec(pathname)!.slice(1).map(decodeURIComponent);
  try {
    const body = req.method === 'GET' || req.method === 'DELETE' ? undefined : await readJson(req);
    const [status, out, type] = await handler(api, params, body, req);
    if (type) res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(out);
    else sendJson(res, status, out);
  } catch (error) {
    if (!(error instanceof SimError)) throw error;
    sendJson(res, error.status, { error: error.code, message: error.message });
  }
}
