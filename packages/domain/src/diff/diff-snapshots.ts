import { sql } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { getSnapshotRow } from '../snapshots/get-snapshot.ts';
import { loadLogEvents } from '../snapshots/log-events.ts';
import { openBodies } from '../bodies/open-bodies.ts';
import { actorsOf, type ChangeActor, indexEvents } from '../changes/attribute-changes.ts';
import { type JsonChange, diffJson } from '../changes/json-diff.fns.ts';

export interface ObjectChange {
  type: string;
  id: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** Leaf changes with JSON paths (changed objects only). */
  paths: JsonChange[];
  /**
   * Who touched the object between the two snapshots, from the IdP's audit log as the backups kept
   * it (empty when the log was not readable, or nothing in it names the object).
   */
  actors: ChangeActor[];
}

const PAGE = 500;

/**
 * Streams what changed from snapshot `from` to snapshot `to` (same connection), in (type, id) order.
 * Only entries whose validity range starts or ends between the two are read, so the work grows with
 * the changes; neither snapshot is ever loaded whole.
 */
export async function* diffSnapshots(
  deps: Deps,
  tenantId: string,
  input: { from: string; to: string; types?: string[] },
): AsyncGenerator<ObjectChange> {
  await authorize(deps, tenantId, 'snapshot.read');
  const a = await getSnapshotRow(deps.db, tenantId, input.from, { complete: true });
  const b = await getSnapshotRow(deps.db, tenantId, input.to, { complete: true });
  if (a.connection_id !== b.connection_id)
    throw new DomainError('VALIDATION', 'Both snapshots must be of the same connection');
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  const lo = Math.min(a.seq, b.seq);
  const hi = Math.max(a.seq, b.seq);
  const [older, newer] = a.seq <= b.seq ? [a, b] : [b, a];
  // Each backup kept the events of the window since the one before it: take those of (lo, hi].
  const between = await deps.db
    .selectFrom('snapshots')
    .select('id')
    .where('connection_id', '=', a.connection_id)
    .where('status', '=', 'complete')
    .where('seq', '>', lo)
    .where('seq', '<=', hi)
    .execute();
  const events = indexEvents(
    await loadLogEvents(
      deps.db,
      tenantId,
      between.map((s) => s.id),
      key,
    ),
  );
  const window = { from: older.started_at, to: newer.completed_at! };
  const actors = (id: string) => actorsOf(id, events, window);
  const at = (seq: number) =>
    sql<Buffer | null>`(array_agg(e.address) filter (where e.from_seq <= ${seq} and (e.to_seq is null or e.to_seq > ${seq})))[1]`;
  let after: [string, string] | undefined;
  for (;;) {
    let q = deps.db
      .selectFrom('snapshot_entries as e')
      .select(['e.type', 'e.object_id', at(a.seq).as('before'), at(b.seq).as('after')])
      .where('e.connection_id', '=', a.connection_id)
      .where((eb) =>
        eb.or([
          eb.and([eb('e.from_seq', '>', lo), eb('e.from_seq', '<=', hi)]),
          eb.and([eb('e.to_seq', '>', lo), eb('e.to_seq', '<=', hi)]),
        ]),
      )
      .groupBy(['e.type', 'e.object_id'])
      .orderBy('e.type')
      .orderBy('e.object_id')
      .limit(PAGE);
    if (input.types?.length) q = q.where('e.type', 'in', input.types);
    if (after) {
      const [t, id] = after;
      q = q.where((eb) => eb(eb.refTuple('e.type', 'e.object_id'), '>', eb.tuple(t, id)));
    }
    const page = await q.execute();
    const rows = page.filter((r) => !(r.before && r.after && r.before.equals(r.after)));
    // The page's bodies in one call to the store, not two queries per changed object.
    const bodies = await openBodies(
      deps,
      tenantId,
      rows.flatMap((r) => [r.before, r.after].filter((a): a is Buffer => a !== null)),
    );
    const body = (addr: Buffer | null) => (addr ? bodies.get(addr.toString('latin1')) : undefined);
    for (const r of rows) {
      const before = body(r.before);
      const afterBody = body(r.after);
      if (!r.before)
        yield {
          type: r.type,
          id: r.object_id,
          change: 'added',
          after: afterBody,
          paths: [],
          actors: actors(r.object_id),
        };
      else if (!r.after)
        yield { type: r.type, id: r.object_id, change: 'removed', before, paths: [], actors: actors(r.object_id) };
      else
        yield {
          type: r.type,
          id: r.object_id,
          change: 'changed',
          before,
          after: afterBody,
          paths: diffJson(before, afterBody),
          actors: actors(r.object_id),
        };
    }
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = [last.type, last.object_id];
  }
}
