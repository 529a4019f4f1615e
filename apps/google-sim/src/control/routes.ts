import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyJson, writeReply } from '../http/io.ts';
import { controlError, GoogleError } from '../model/errors.ts';
import type { ControlApi } from './api.ts';

type Handler = (api: ControlApi, params: string[], body: unknown) => Promise<[number, unknown?]> | [number, unknown?];

const C = '/_sim/customers/([^/]+)';

/** `/_sim`: JSON in, JSON out, no authentication (a local simulator bound to 127.0.0.1). */
export const CONTROL_ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/_sim\/health$/, () => [200, { ok: true }]],
  ['GET', /^\/_sim\/customers$/, (api) => [200, api.listCustomers()]],
  ['GET', new RegExp(`^${C}$`), (api, [id]) => [200, api.getCustomer(id!)]],
  [
    'PUT',
    new RegExp(`^${C}/delegations/([^/]+)$`),
    (api, [id, client], body) => [200, api.setDelegation(id!, client!, body)],
  ],
  [
    'DELETE',
    new RegExp(`^${C}/delegations/([^/]+)$`),
    (api, [id, client]) => {
      api.removeDelegation(id!, client!);
      return [204];
    },
  ],
  ['PATCH', new RegExp(`^${C}/policies/([^/]+)$`), (api, [id, p], body) => [200, api.updatePolicy(id!, p!, body)]],
  ['PATCH', new RegExp(`^${C}/users/([^/]+)$`), (api, [id, u], body) => [200, api.updateUser(id!, u!, body)]],
  ['GET', /^\/_sim\/settings$/, (api) => [200, api.settings()]],
  ['PATCH', /^\/_sim\/settings$/, (api, _, body) => [200, api.updateSettings(body)]],
  ['POST', /^\/_sim\/faults$/, (api, _, body) => [201, api.addFault(body)]],
  [
    'DELETE',
    /^\/_sim\/faults$/,
    (api) => {
      api.clearFaults();
      return [204];
    },
  ],
  ['GET', /^\/_sim\/keys$/, (api) => [200, api.keys()]],
  ['POST', /^\/_sim\/keys\/rotate$/, async (api) => [200, await api.rotateKeys()]],
  ['GET', /^\/_sim\/service-accounts\/([^/]+)\/key$/, (api, [email]) => [200, api.serviceAccountKey(email!)]],
  [
    'PUT',
    /^\/_sim\/clients\/([^/]+)\/redirect-uris$/,
    (api, [client], body) => [200, api.setRedirectUris(client!, body)],
  ],
  ['GET', /^\/_sim\/channels$/, (api) => [200, api.channels()]],
];

export async function handleControl(api: ControlApi, req: IncomingMessage, res: ServerResponse, pathname: string) {
  const method = req.method ?? 'GET';
  for (const [m, pattern, handler] of CONTROL_ROUTES) {
    const match = pattern.exec(pathname);
    if (!match || m !== method) continue;
    try {
      const body =
        method === 'GET' || method === 'DELETE'
          ? undefined
          : await bodyJson(req, (msg) => controlError(400, 'invalid_json', msg));
      const [status, out] = await handler(api, match.slice(1).map(decodeURIComponent), body);
      return writeReply(res, { status, headers: { 'cache-control': 'no-store' }, body: out });
    } catch (error) {
      if (error instanceof GoogleError) return writeReply(res, { status: error.status, body: error.body });
      throw error;
    }
  }
  writeReply(res, { status: 404, body: { error: 'not_found', message: `no control route ${method} ${pathname}` } });
}
