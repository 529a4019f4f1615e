import type { IncomingMessage } from 'node:http';
import { adminCaller } from '../auth/access.ts';
import type { TDeps } from '../deps.ts';
import { bodyJson, json, type TReply } from '../http/io.ts';
import { adminError } from '../model/errors.ts';
import type { TObj } from '../model/types.ts';
import { stopChannel, watchUsers } from './watch.ts';
import type { TDirCtx } from './context.ts';
import {
  CUSTOMER_READ,
  DOMAIN_READ,
  getCustomer,
  getDomain,
  getDomainAlias,
  listDomainAliases,
  listDomains,
} from './customer.ts';
import * as g from './groups.ts';
import * as ou from './orgunits.ts';
import { directoryGate } from './quota.ts';
import * as r from './roles.ts';
import * as u from './users.ts';

type THandler = (ctx: TDirCtx) => TObj | undefined;

const C = 'customer/([^/]+)';
const P = '/admin/directory/v1/';

/** Method, path under /admin/directory/v1/, scopes of which the token needs one, handler. */
const ROUTES: [string, RegExp, readonly string[], THandler][] = [
  ['GET', /^customers\/([^/]+)$/, CUSTOMER_READ, getCustomer],
  ['GET', /^users$/, u.USER_READ, u.listUsers],
  ['POST', /^users$/, u.USER_WRITE, u.insertUser],
  ['POST', /^users\/watch$/, u.USER_READ, watchUsers],
  ['GET', /^users\/([^/]+)$/, u.USER_READ, u.getUser],
  ['PUT', /^users\/([^/]+)$/, u.USER_WRITE, u.updateUser],
  ['PATCH', /^users\/([^/]+)$/, u.USER_WRITE, u.updateUser],
  ['DELETE', /^users\/([^/]+)$/, u.USER_WRITE, u.deleteUser],
  ['GET', /^groups$/, g.GROUP_READ, g.listGroups],
  ['POST', /^groups$/, g.GROUP_WRITE, g.insertGroup],
  ['GET', /^groups\/([^/]+)$/, g.GROUP_READ, g.getGroup],
  ['PUT', /^groups\/([^/]+)$/, g.GROUP_WRITE, g.updateGroup],
  ['PATCH', /^groups\/([^/]+)$/, g.GROUP_WRITE, g.updateGroup],
  ['DELETE', /^groups\/([^/]+)$/, g.GROUP_WRITE, g.deleteGroup],
  ['GET', /^groups\/([^/]+)\/members$/, g.MEMBER_READ, g.listMembers],
  ['POST', /^groups\/([^/]+)\/members$/, g.MEMBER_WRITE, g.insertMember],
  ['GET', /^groups\/([^/]+)\/members\/([^/]+)$/, g.MEMBER_READ, g.getMember],
  ['PUT', /^groups\/([^/]+)\/members\/([^/]+)$/, g.MEMBER_WRITE, g.updateMember],
  ['PATCH', /^groups\/([^/]+)\/members\/([^/]+)$/, g.MEMBER_WRITE, g.updateMember],
  ['DELETE', /^groups\/([^/]+)\/members\/([^/]+)$/, g.MEMBER_WRITE, g.deleteMember],
  ['GET', new RegExp(`^${C}/orgunits$`), ou.OU_READ, ou.listOrgUnits],
  ['POST', new RegExp(`^${C}/orgunits$`), ou.OU_WRITE, ou.insertOrgUnit],
  ['GET', new RegExp(`^${C}/orgunits/(.+)$`), ou.OU_READ, ou.getOrgUnit],
  ['PUT', new RegExp(`^${C}/orgunits/(.+)$`), ou.OU_WRITE, ou.updateOrgUnit],
  ['PATCH', new RegExp(`^${C}/orgunits/(.+)$`), ou.OU_WRITE, ou.updateOrgUnit],
  ['DELETE', new RegExp(`^${C}/orgunits/(.+)$`), ou.OU_WRITE, ou.deleteOrgUnit],
  ['GET', new RegExp(`^${C}/roles$`), r.ROLE_READ, r.listRoles],
  ['POST', new RegExp(`^${C}/roles$`), r.ROLE_WRITE, r.insertRole],
  ['GET', new RegExp(`^${C}/roles/([^/]+)$`), r.ROLE_READ, r.getRole],
  ['PUT', new RegExp(`^${C}/roles/([^/]+)$`), r.ROLE_WRITE, r.updateRole],
  ['PATCH', new RegExp(`^${C}/roles/([^/]+)$`), r.ROLE_WRITE, r.updateRole],
  ['DELETE', new RegExp(`^${C}/roles/([^/]+)$`), r.ROLE_WRITE, r.deleteRole],
  ['GET', new RegExp(`^${C}/roleassignments$`), r.ROLE_READ, r.listRoleAssignments],
  ['POST', new RegExp(`^${C}/roleassignments$`), r.ROLE_WRITE, r.insertRoleAssignment],
  ['GET', new RegExp(`^${C}/roleassignments/([^/]+)$`), r.ROLE_READ, r.getRoleAssignment],
  ['DELETE', new RegExp(`^${C}/roleassignments/([^/]+)$`), r.ROLE_WRITE, r.deleteRoleAssignment],
  ['GET', new RegExp(`^${C}/domains$`), DOMAIN_READ, listDomains],
  ['GET', new RegExp(`^${C}/domains/([^/]+)$`), DOMAIN_READ, getDomain],
  ['GET', new RegExp(`^${C}/domainaliases$`), DOMAIN_READ, listDomainAliases],
  ['GET', new RegExp(`^${C}/domainaliases/([^/]+)$`), DOMAIN_READ, getDomainAlias],
];

/** True for the Admin SDK Directory paths (both hosts' spellings). */
export const isDirectoryPath = (p: string) => p.startsWith(P) || p === '/admin/directory_v1/channels/stop';

/** `/admin/directory/v1/…`: auth, then fault and quota, then the handler. */
export async function handleDirectory(deps: TDeps, req: IncomingMessage, url: URL): Promise<TReply> {
  const method = req.method ?? 'GET';
  const read = async () => (await bodyJson(req, (m) => adminError(400, 'parseError', m))) as TObj;
  if (url.pathname === '/admin/directory_v1/channels/stop' && method === 'POST') {
    const caller = adminCaller(deps, req, u.USER_READ, 'admin');
    stopChannel({ deps, caller, url, params: [], body: await read() });
    return { status: 204 };
  }
  const rest = url.pathname.slice(P.length);
  let pathMatched = false;
  for (const [m, pattern, scopes, handler] of ROUTES) {
    const match = pattern.exec(rest);
    if (!match) continue;
    pathMatched = true;
    if (m !== method) continue;
    const caller = adminCaller(deps, req, scopes, 'admin');
    directoryGate(deps, caller);
    const body = method === 'GET' || method === 'DELETE' ? {} : await read();
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw adminError(400, 'parseError', 'Invalid JSON payload received.');
    const params = match.slice(1).map((s) => decodeURIComponent(s));
    const out = handler({ deps, caller, url, params, body });
    return out === undefined ? { status: 204 } : json(out);
  }
  if (pathMatched) throw adminError(405, 'httpMethodNotAllowed', `Method ${method} is not allowed`);
  throw adminError(404, 'notFound', `Not Found: ${url.pathname}`);
}
