import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, readBody } from '../http/body.ts';
import { sendJson } from '../http/respond.ts';
import { SimError } from '../model/errors.ts';
import type { ControlApi } from './api.ts';

type Handler = (api: ControlApi, params: string[], body: unknown) => Promise<[number, unknown?]> | [number, unknown?];

const T = '/_sim/tenants/([^/]+)';

/** `/_sim`: JSON in, JSON out, no authentication (a local simulator bound to 127.0.0.1). */
export const CONTROL_ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/_sim\/health$/, () => [200, { ok: true }]],
  ['GET', /^\/_sim\/tenants$/, (api) => [200, api.listTenants()]],
  ['POST', /^\/_sim\/tenants$/, (api, _, body) => [201, api.createTenant(body)]],
  ['GET', new RegExp(`^${T}$`), (api, [id]) => [200, api.getTenant(id!)]],
  ['POST', new RegExp(`^${T}/apps$`), async (api, [id], body) => [201, await api.registerApp(id!, body)]],
  ['PATCH', new RegExp(`^${T}/apps/([^/]+)$`), (api, [id, client], body) => [200, api.updateApp(id!, client!, body)]],
  ['PATCH', new RegExp(`^${T}/settings$`), (api, [id], body) => [200, api.updateSettings(id!, body)]],
  ['POST', new RegExp(`^${T}/faults$`), (api, [id], body) => [201, api.addFault(id!, body)]],
  [
    'DELETE',
    new RegExp(`^${T}/faults$`),
    (api, [id]) => {
      api.clearFaults(id!);
      return [204];
    },
  ],
  [
    'POST',
    new RegExp(`^${T}/front-channel-logout$`),
    async (api, [id], body) => [200, await api.frontChannelLogout(id!, body)],
  ],
  ['POST', new RegExp(`^${T}/provisioning$`), (api, [id], body) => [201, api.addProvisioning(id!, body)]],
  ['GET', new RegExp(`^${T}/provisioning/([^/]+)$`), (api, [id, app]) => [200, api.getProvisioning(id!, app!)]],
  [
    'POST',
    new RegExp(`^${T}/provisioning/([^/]+)/test$`),
    async (api, [id, app]) => [200, await api.testProvisioning(id!, app!)],
  ],
  [
    'POST',
    new RegExp(`^${T}/provisioning/([^/]+)/(assign|update|roles|unassign|delete)$`),
    async (api, [id, app, action], body) => [200, await api.provision(id!, app!, action!, body)],
  ],
  ['GET', /^\/_sim\/keys$/, (api) => [200, api.keys()]],
  ['POST', /^\/_sim\/keys\/roll$/, async (api, _, body) => [200, await api.rollKeys(body)]],
];

export async function handleControl(api: ControlApi, req: IncomingMessage, res: ServerResponse, pathname: string) {
  const method = req.method ?? 'GET';
  for (const [m, pattern, handler] of CONTROL_ROUTES) {
    const match = pattern.exec(pathname);
    if (!match || m !== method) continue;
    try {
      const body = method === 'GET' || method === 'DELETE' ? undefined : parseJson(await readBody(req));
      const [status, out] = await handler(api, match.slice(1).map(decodeURIComponent), body);
      return sendJson(res, status, out);
    } catch (error) {
      if (error instanceof SimError) return sendJson(res, error.status, { error: error.code, message: error.message });
      throw error;
    }
  }
  sendJson(res, 404, { error: 'not_found', message: `no control route ${method} ${pathname}` });
}
