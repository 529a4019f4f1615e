import { type Selectable, type Snapshots, sql } from '@butterfly/db';
import type { Db } from '../deps.ts';

/**
 * Members per group in a snapshot, counted by Postgres from membership row ids (`<group>/<user>`)
 * without reading a body: the blast-radius estimate of a restored rule or assignment.
 */
export async function memberCounts(db: Db, snap: Pick<Selectable<Snapshots>, 'connection_id' | 'seq'>, membershipTypes: readonly string[]) {
  const out = new Map<string, number>();
  if (!membershipTypes.length) return out;
  const group = sql<string>`left(object_id, length(object_id) - strpos(reverse(object_id), '/'))`;
  const rows = await db
    .selectFrom('snapshot_entries')
    .select([group.as('group_id'), sql<number>`count(*)::int`.as('n')])
    .where('connection_id', '=', snap.connection_id)
    .where('type', 'in', membershipTypes)
    .where('from_seq', '<=', snap.seq)
    .where((eb) => eb.or([eb('to_seq', 'is', null), eb('to_seq', '>', snap.seq)]))
    .groupBy(group)
    .execute();
  for (const r of rows) out.set(r.group_id, r.n);
  return out;
}
