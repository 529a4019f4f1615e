import { type Selectable, type Snapshots, sql } from '@butterfly/db';
import type { Db } from '../deps.ts';

/**
 * The members (user ids) of some groups in a snapshot, from membership row ids (`<group>/<user>`)
 * without reading a body: the blast-radius estimate of a restored rule or assignment, in users.
 * Only the groups the plan's steps assign are read, not every membership of the org.
 */
export async function groupMembers(
  db: Db,
  snap: Pick<Selectable<Snapshots>, 'connection_id' | 'seq'>,
  membershipTypes: readonly string[],
  groupIds: readonly string[],
) {
  const out = new Map<string, string[]>();
  if (!membershipTypes.length || !groupIds.length) return out;
  const group = sql<string>`left(object_id, length(object_id) - strpos(reverse(object_id), '/'))`;
  const rows = await db
    .selectFrom('snapshot_entries')
    .select([group.as('group_id'), sql<string>`right(object_id, strpos(reverse(object_id), '/') - 1)`.as('user_id')])
    .where('connection_id', '=', snap.connection_id)
    .where('type', 'in', membershipTypes)
    .where(group, 'in', groupIds)
    .where('from_seq', '<=', snap.seq)
    .where((eb) => eb.or([eb('to_seq', 'is', null), eb('to_seq', '>', snap.seq)]))
    .execute();
  for (const r of rows) (out.get(r.group_id) ?? out.set(r.group_id, []).get(r.group_id)!).push(r.user_id);
  return out;
}
