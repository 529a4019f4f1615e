import { sql } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import type { IdpClient } from '../idp/types.ts';
import { typeIndexOf } from './objects.fns.ts';
import { unchangedChildren } from './unchanged-children.ts';
import { entryKey } from './snapshots.fns.ts';

/**
 * At least this often a backup reads every child list again, whatever the parents say: a safety net
 * should the IdP ever move a membership without moving the parent's version field.
 */
export const FULL_READ_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * What an incremental backup may keep unread: the children of parents whose version field (a
 * group's `lastMembershipUpdated`) is the one in the last complete snapshot. Most of a large org's
 * objects and requests are group memberships, and few groups change between two backups.
 *
 * A membership kept unread is still dropped when the backup read its member's type and did not find the
 * member (`target`): a deleted user leaves every group, whether or not the IdP moved the group's field.
 */
export async function keepUnchangedChildren(
  deps: Pick<Deps, 'db' | 'keyring' | 'clock'>,
  s: { tenantId: string; connectionId: string; client: IdpClient; types?: string[]; last?: { seq: number } },
) {
  const none = { keepable: new Set<string>(), skipChildren: undefined, target: undefined };
  if (!s.last || !(await readEverythingRecently(deps, s.connectionId))) return none;
  const index = typeIndexOf(s.client);
  const types = s.types ?? [...index.values()].filter((t) => !t.optional).map((t) => t.type);
  const unchanged = await unchangedChildren(
    deps,
    { tenant_id: s.tenantId, connection_id: s.connectionId, seq: s.last.seq },
    index,
    types,
  );
  if (!unchanged.childIndexed.length) return none;
  const read = new Set(types);
  // A membership's body is its member's key: the member is the object its one reference names.
  const targets = new Map<string, string>();
  for (const t of unchanged.childIndexed) {
    const info = index.get(t)!;
    const ref = info.references.find((r) => r.path === (info.idField ?? 'id') && typeof r.type === 'string');
    if (info.bodyIsKey && ref && read.has(ref.type as string)) targets.set(t, ref.type as string);
  }
  return {
    keepable: new Set(unchanged.childIndexed),
    skipChildren: unchanged.skip,
    target: (type: string, objectId: string) => {
      const targetType = targets.get(type);
      return targetType === undefined ? undefined : entryKey(targetType, objectId.slice(objectId.lastIndexOf('/') + 1));
    },
  };
}

/** Whether a complete backup of the connection read every child list within FULL_READ_EVERY_MS. */
async function readEverythingRecently(deps: Pick<Deps, 'db' | 'clock'>, connectionId: string) {
  const since = new Date(deps.clock().getTime() - FULL_READ_EVERY_MS);
  const row = await deps.db
    .selectFrom('snapshots')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'complete')
    .where('kind', '=', 'full')
    .where('started_at', '>=', since)
    .where(sql<boolean>`coalesce((stats->>'childrenKeptUnread')::int, 0) = 0`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
