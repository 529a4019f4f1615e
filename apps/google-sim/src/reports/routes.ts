import type { IncomingMessage } from 'node:http';
import { adminCaller } from '../auth/access.ts';
import { SCOPE } from '../auth/scopes.ts';
import type { TDeps } from '../deps.ts';
import { directoryPage } from '../directory/paging.ts';
import { directoryGate } from '../directory/quota.ts';
import { json, type TReply } from '../http/io.ts';
import { adminError } from '../model/errors.ts';
import type { TObj } from '../model/types.ts';
import { findUser } from '../store/world.ts';

const PATH = /^\/admin\/reports\/v1\/activity\/users\/([^/]+)\/applications\/([^/]+)$/;
export const isReportsPath = (p: string) => p.startsWith('/admin/reports/v1/');

/**
 * Reports API `activities.list` for `applicationName=admin`: the customer's admin audit log, newest
 * first, by actor (`all` or a user), `eventName`, `startTime`/`endTime`; ≤1000 a page.
 */
export function handleReports(deps: TDeps, req: IncomingMessage, url: URL): TReply {
  const m = PATH.exec(url.pathname);
  if (!m || req.method !== 'GET') throw adminError(404, 'notFound', `Not Found: ${url.pathname}`);
  const caller = adminCaller(deps, req, [SCOPE.audit], 'admin');
  directoryGate(deps, caller);
  const [userKey, app] = [decodeURIComponent(m[1]!), m[2]!];
  if (app !== 'admin') throw adminError(400, 'invalid', `google-sim records only applicationName=admin, not ${app}`);
  const c = caller.customer;
  const actorEmail = userKey === 'all' ? undefined : findUser(c, userKey)?.primaryEmail;
  if (userKey !== 'all' && !actorEmail) throw adminError(400, 'invalid', 'Bad Request. User not found.');
  const q = url.searchParams;
  const start = q.get('startTime');
  const end = q.get('endTime');
  const eventName = q.get('eventName');
  for (const t of [start, end])
    if (t && Number.isNaN(Date.parse(t))) throw adminError(400, 'invalid', `Invalid value: ${t}`);
  const items = [...c.activities].reverse().filter((a) => {
    const time = Date.parse(String((a.id as TObj).time));
    const actor = (a.actor as TObj).email;
    const events = a.events as TObj[];
    return (
      (!actorEmail || actor === actorEmail) &&
      (!start || time >= Date.parse(start)) &&
      (!end || time < Date.parse(end)) &&
      (!eventName || events.some((e) => e.name === eventName))
    );
  });
  const { page, nextPageToken } = directoryPage(
    items,
    url,
    1000,
    1000,
    `reports:${userKey}:${start}:${end}:${eventName}`,
  );
  return json({
    kind: 'admin#reports#activities',
    etag: `"${c.activities.length}"`,
    ...(page.length ? { items: page } : {}),
    ...(nextPageToken ? { nextPageToken } : {}),
  });
}
