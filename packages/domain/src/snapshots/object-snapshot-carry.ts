import { sql } from '@butterfly/db';
import type { Db } from '../deps.ts';

/**
 * Objects that single-object snapshots (kind `object`) changed since the last full snapshot and
 * that are still current: the next full backup finds them unchanged (its "previous" already holds
 * them), yet relative to the last full snapshot they did change. The full snapshot counts them as
 * its own changes, and attributes them in the System Log window, so its summary matches its diff.
 */
export async function objectSnapshotCarry(
  db: Db,
  input: { connectionId: string; sinceSeq: number; beforeSeq: number },
) {
  const { rows } = await sql<{ type: string; object_id: string; existed: boolean }>`
    select e.type, e.object_id, exists (
      select 1 from snapshot_entries p
      where p.connection_id = e.connection_id and p.type = e.type and p.object_id = e.object_id
        and p.from_seq <= ${input.sinceSeq} and (p.to_seq is null or p.to_seq > ${input.sinceSeq})
    ) as existed
    from snapshot_entries e
    where e.connection_id = ${input.connectionId} and e.to_seq is null
      and e.from_seq > ${input.sinceSeq} and e.from_seq < ${input.beforeSeq}`.execute(db);
  return rows.map((r) => ({ type: r.type, objectId: r.object_id, existed: r.existed }));
}
