import type { Snapshots, Selectable } from '@butterfly/db';
import type { ComplianceSnapshot, SnapshotObject } from '../compliance/types.ts';
import type { Deps } from '../deps.ts';
import { openBody } from '../snapshots/object-codec.fns.ts';
import { collectedTypes, hasType } from './scans.fns.ts';

/** Rows per query when streaming a type: large enough that 100k users take ~20 round trips. */
const PAGE = 5000;
/**
 * Types with at most this many objects are kept in memory once read: rules read policies and their
 * rules many times over, users (the only big type) are streamed every time and never held.
 */
const CACHE_MAX = 5000;

type Row = { object_id: string; address: Buffer; body: Buffer };

/**
 * The compliance rules' view of a stored snapshot. Objects of a type stream from Postgres with the
 * same validity-range condition as readSnapshot, a page at a time with the next page already in
 * flight, decrypting as they go. Not a permission check: the caller (a scan) has made it.
 */
export async function openStoredSnapshot(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Selectable<Snapshots>,
  opts: { scopesMissing?: string[] } = {},
): Promise<ComplianceSnapshot> {
  const { key } = await deps.keyring.dataKey(deps.db, snap.tenant_id);
  const types = collectedTypes(snap.counts, snap.stats);
  const cache = new Map<string, SnapshotObject[]>();
  const decode = (r: Row): SnapshotObject => ({ id: r.object_id, body: JSON.parse(openBody(key, snap.tenant_id, r.address, r.body)) });

  const entries = (type: string) =>
    deps.db
      .selectFrom('snapshot_entries as e')
      .innerJoin('object_versions as v', (j) => j.onRef('v.tenant_id', '=', 'e.tenant_id').onRef('v.address', '=', 'e.address'))
      .select(['e.object_id', 'e.address', 'v.body'])
      .where('e.connection_id', '=', snap.connection_id)
      .where('e.type', '=', type)
      .where('e.from_seq', '<=', snap.seq)
      .where((eb) => eb.or([eb('e.to_seq', 'is', null), eb('e.to_seq', '>', snap.seq)]));

  const page = (type: string, after: string | undefined): Promise<Row[]> => {
    let q = entries(type).orderBy('e.object_id').limit(PAGE);
    if (after !== undefined) q = q.where('e.object_id', '>', after);
    return q.execute();
  };

  async function* stream(type: string): AsyncGenerator<SnapshotObject> {
    let next = page(type, undefined);
    try {
      for (;;) {
        const rows = await next;
        // Fetch the next page while this one is decoded and judged.
        if (rows.length === PAGE) next = page(type, rows.at(-1)!.object_id);
        for (const r of rows) yield decode(r);
        if (rows.length < PAGE) return;
      }
    } finally {
      next.catch(() => undefined); // a consumer that stops early leaves one prefetch nobody awaits
    }
  }

  async function* objects(type: string): AsyncGenerator<SnapshotObject> {
    const hit = cache.get(type);
    if (hit) return yield* hit;
    if ((types.counts[type] ?? 0) > CACHE_MAX) return yield* stream(type);
    const all: SnapshotObject[] = [];
    for await (const o of stream(type)) all.push(o);
    cache.set(type, all);
    yield* all;
  }

  return {
    takenAt: snap.completed_at ?? snap.started_at,
    scopesMissing: opts.scopesMissing,
    has: (type) => hasType(types, type),
    objects,
    async get(type, id) {
      const hit = cache.get(type);
      if (hit) return hit.find((o) => o.id === id);
      const row = await entries(type).where('e.object_id', '=', id).executeTakeFirst();
      return row ? decode(row) : undefined;
    },
  };
}
