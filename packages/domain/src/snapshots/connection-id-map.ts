import type { Db } from '../deps.ts';
import { refKey } from './objects.fns.ts';

/**
 * Every id a restore gave a re-created (or re-found) object on this connection, by steps applied in any of its plans: old id (as
 * snapshots know it) → the id the object has now. A later restore of the same object wins, and a
 * chain (restored, deleted, restored again from a later snapshot) is followed to its end, so any
 * snapshot of the connection reaches today's object. Previews match live objects through it, and
 * applies rewrite references with it.
 */
export async function loadConnectionIdMap(
  db: Db,
  tenantId: string,
  connectionId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('restore_id_map as m')
    .innerJoin('restore_plans as p', 'p.id', 'm.plan_id')
    .innerJoin('restore_steps as s', (j) => j.onRef('s.plan_id', '=', 'm.plan_id').onRef('s.seq', '=', 'm.step_seq'))
    .select(['m.type', 'm.old_id', 'm.new_id'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.connection_id', '=', connectionId)
    .where('m.new_id', 'is not', null)
    .where('s.status', '=', 'done')
    .orderBy('s.finished_at')
    .execute();
  const direct = new Map(rows.map((r) => [refKey(r.type, r.old_id), r.new_id!]));
  return resolveChains(direct);
}

/** old → new → newer … followed to its end (a cycle, which restores cannot make, stops where it repeats). */
export function resolveChains(direct: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, first] of direct) {
    const type = key.slice(0, key.indexOf('\u0000'));
    const seen = new Set([key]);
    let to = first;
    for (
      let next = direct.get(refKey(type, to));
      next !== undefined && !seen.has(refKey(type, to));
      next = direct.get(refKey(type, to))
    ) {
      seen.add(refKey(type, to));
      to = next;
    }
    out.set(key, to);
  }
  return out;
}
