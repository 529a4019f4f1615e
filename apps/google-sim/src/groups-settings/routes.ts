import type { IncomingMessage } from 'node:http';
import { grantOf, insufficientScopes, notAuthorized } from '../auth/access.ts';
import { SCOPE } from '../auth/scopes.ts';
import type { TDeps } from '../deps.ts';
import { directoryGate } from '../directory/quota.ts';
import { bodyJson, escapeHtml, json, type TReply } from '../http/io.ts';
import { adminError } from '../model/errors.ts';
import type { TObj } from '../model/types.ts';
import { recordActivity } from '../store/activity.ts';
import { findGroup } from '../store/world.ts';

const PREFIX = '/groups/v1/groups/';
export const isGroupsSettingsPath = (p: string) => p.startsWith(PREFIX);

const show = (s: TObj) => ({ kind: 'groupsSettings#groups', ...s });

function xml(s: TObj): TReply {
  const fields = Object.entries(s)
    .map(([k, v]) => `<apps:${k}>${escapeHtml(String(v))}</apps:${k}>`)
    .join('');
  return {
    status: 200,
    headers: { 'content-type': 'application/atom+xml; charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?><entry xmlns="http://www.w3.org/2005/Atom" xmlns:apps="http://schemas.google.com/apps/2006" xmlns:gd="http://schemas.google.com/g/2005"><id>tag:googleapis.com,2010:apps:groupssettings:GROUP:${escapeHtml(String(s.email))}</id><title>Groups Resource Entry</title>${fields}</entry>`,
  };
}

/**
 * Groups Settings API (`www.googleapis.com/groups/v1/groups/{email}`). As Google's, it answers
 * Atom XML unless `alt=json`. A delegated super admin may read and write; a service account acting
 * as itself may read when the customer gave it the Groups Reader role (how ScubaGoggles calls it).
 */
export async function handleGroupsSettings(deps: TDeps, req: IncomingMessage, url: URL): Promise<TReply> {
  const method = req.method ?? 'GET';
  const email = decodeURIComponent(url.pathname.slice(PREFIX.length)).toLowerCase();
  const grant = grantOf(deps, req, 'admin');
  if (!grant.scopes.includes(SCOPE.groupsSettings)) throw insufficientScopes('admin');
  const customer = deps.world.customer(email.split('@')[1] ?? '');
  const delegated = grant.customerId === customer?.id ? customer?.users.get(grant.userId ?? '') : undefined;
  const asItself = grant.kind === 'sa' && !grant.userId && customer?.groupsReaders.includes(grant.serviceAccount ?? '');
  if (!customer || !(delegated?.isAdmin || (asItself && method === 'GET'))) throw notAuthorized('admin');
  if (delegated) directoryGate(deps, { grant, customer, user: delegated });
  const group = findGroup(customer, email);
  if (!group) throw adminError(404, 'notFound', 'Resource Not Found: groupUniqueId');
  const settings = customer.groupSettings.get(group.id as string)!;
  const answer = (s: TObj) => (url.searchParams.get('alt') === 'json' ? json(show(s)) : xml(s));
  if (method === 'GET') return answer(settings);
  if (method !== 'PUT' && method !== 'PATCH')
    throw adminError(405, 'httpMethodNotAllowed', `Method ${method} is not allowed`);
  const body = (await bodyJson(req, (m) => adminError(400, 'parseError', m))) as TObj;
  for (const [k, v] of Object.entries(body)) {
    if (k === 'kind' || k === 'email') continue;
    if (!(k in settings)) throw adminError(400, 'invalid', `Invalid Input: ${k}`);
    if (typeof v !== 'string') throw adminError(400, 'invalid', `Invalid Value: ${k}`);
    if (settings[k] !== v)
      recordActivity(
        deps,
        customer,
        { email: delegated!.primaryEmail, profileId: delegated!.id },
        'GROUP_SETTINGS',
        'CHANGE_GROUP_SETTING',
        {
          GROUP_EMAIL: email,
          SETTING_NAME: k,
          OLD_VALUE: String(settings[k]),
          NEW_VALUE: v,
        },
      );
    settings[k] = v;
  }
  return answer(settings);
}
