import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { entriesAt } from './entries-at.ts';
import { getSnapshotRow } from './get-snapshot.ts';
import { openBodies } from '../bodies/open-bodies.ts';
import { matchesSearch, objectLabel } from './object-label.fns.ts';

export const ZListSnapshotObjectsInput = z.object({
  snapshotId: z.string().min(1).max(100),
  type: z.string().min(1).max(200).optional(),
  q: z.string().trim().max(200).default(''),
  /** The last id of the previous page (keyset paging within the type). */
  after: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TListSnapshotObjectsInput = z.input<typeof ZListSnapshotObjectsInput>;

const BATCH = 500;

/**
 * One page of a snapshot's objects of one type (the first type when none is named), with the
 * snapshot's types and their counts. Names live inside sealed bodies, so a search opens the type's
 * bodies a batch at a time until the page is full: the work grows with how far the matches are.
 */
export async function listSnapshotObjects(deps: Deps, tenantId: string, raw: TListSnapshotObjectsInput) {
  const input = parseInput(ZListSnapshotObjectsInput, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  const snap = await getSnapshotRow(deps.db, tenantId, input.snapshotId, { complete: true });
  const types = await entriesAt(deps.db, snap)
    .select(['e.type', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('e.type')
    .orderBy('e.type')
    .execute();
  const type = input.type ?? types[0]?.type;
  const objects: { type: string; id: string; label: string }[] = [];
  let after = input.after;
  let more = false;
  if (type) {
    for (;;) {
      let q = entriesAt(deps.db, snap)
        .select(['e.object_id', 'e.address'])
        .where('e.type', '=', type)
        .orderBy('e.object_id')
        .limit(input.q ? BATCH : input.limit + 1);
      if (after !== undefined) q = q.where('e.object_id', '>', after);
      const rows = await q.execute();
      const bodies = await openBodies(
        deps,
        tenantId,
        rows.map((r) => r.address),
      );
      for (const r of rows) {
        const label = objectLabel(bodies.get(r.address.toString('latin1')), r.object_id);
        if (!matchesSearch(input.q, r.object_id, label)) continue;
        if (objects.length === input.limit) {
          more = true;
          break;
        }
        objects.push({ type, id: r.object_id, label });
      }
      if (more || rows.length < (input.q ? BATCH : input.limit + 1)) break;
      after = rows.at(-1)!.object_id;
    }
  }
  return {
    snapshotId: snap.id,
    types: types.map((t) => ({ type: t.type, count: Number(t.count) })),
    type: type ?? null,
    q: input.q,
    objects,
    nextAfter: more ? objects.at(-1)!.id : null,
  };
}
