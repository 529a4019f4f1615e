import type { TReply } from '../http/respond.ts';
import type { TObj } from '../model/types.ts';
import { errCtx, metadata, type TGraphCall } from './context.ts';
import { graphError } from './errors.ts';
import { parseSelect, project } from './query.ts';

/** The collections Graph tracks with `…/delta` (v1.0), by their store; administrative units' delta sits at the root. */
export const DELTA_STORES = new Map([
  ['users', 'user'],
  ['groups', 'group'],
  ['applications', 'application'],
  ['servicePrincipals', 'servicePrincipal'],
  ['directoryRoles', 'directoryRole'],
  ['oauth2PermissionGrants', 'oAuth2PermissionGrant'],
  ['directory/administrativeUnits', 'administrativeUnit'],
]);
const AUDITS = 'auditLogs/directoryAudits';

/**
 * `GET <collection>/delta`, answered from the directory audit log (every write records one, with
 * its target's id): a `$deltatoken` stands for a position in that log, so a read with one returns
 * the objects named since — present ones whole, gone ones as `{ id, "@removed": { reason } }` — and
 * a new deltaLink. Without a token, every object and a link; `$deltatoken=latest`, no objects and a
 * link from now (Graph's "sync from now"). A token this simulator does not know (expired, or from
 * before a restart) is 400 `syncStateNotFound`, as Graph answers an expired one.
 */
export function deltaRead(c: TGraphCall, store: string, path: string): TReply {
  const tenant = c.principal.tenant;
  const log = [...tenant.collection(AUDITS).values()];
  const token = c.query.get('$deltatoken');
  const select = parseSelect(c.query.get('$select'));
  const items = tenant.collection(store);
  let value: Record<string, unknown>[];
  if (token === 'latest') value = [];
  else if (token === null) value = [...items.values()].map((o) => project(o, select));
  else {
    const at = c.tokens.offset(token, `delta:${store}`);
    if (at === undefined)
      return graphError(
        400,
        'syncStateNotFound',
        'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
        errCtx(c),
      );
    value = changedSince(log.slice(at), items, DELTA_STORES.get(store)!, select);
  }
  const next = new URLSearchParams({ $deltatoken: c.tokens.issue(`delta:${store}`, log.length) });
  return {
    status: 200,
    body: {
      '@odata.context': metadata(c, `${store}`),
      value,
      '@odata.deltaLink': `${c.deps.baseUrl}/${c.version}/${path}?${next.toString().replace(/%24/g, '$')}`,
    },
  };
}

/** The objects the audit entries name, once each: as they are now, or removed when one deleted it. */
function changedSince(entries: TObj[], items: Map<string, TObj>, type: string, select: string[] | undefined) {
  const named = new Map<string, boolean>();
  for (const e of entries)
    for (const t of (e.targetResources as { id?: string; type?: string }[] | undefined) ?? []) {
      if (!t.id) continue;
      const deleted = e.operationType === 'Delete' && t.type === type;
      named.set(t.id, (named.get(t.id) ?? false) || deleted);
    }
  const out: Record<string, unknown>[] = [];
  for (const [id, deleted] of named) {
    const now = items.get(id);
    if (now) out.push(project(now, select));
    else if (deleted) out.push({ id, '@removed': { reason: 'changed' } });
  }
  return out;
}
