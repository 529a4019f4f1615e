import { type Selectable, type Snapshots, sql } from '@butterfly/db';
import { loadProjection, type Projection } from './projections.ts';
import type { ComplianceSnapshot, SnapshotObject } from '../compliance/types.ts';
import type { Deps } from '../deps.ts';
import { addressKey } from '../bodies/body-store.ts';
import { bodyStoreOf, openBodies } from '../bodies/open-bodies.ts';
import { openBatch, project } from '../bodies/open-batch.fns.ts';
import { collectedTypes, hasType } from './collected-types.fns.ts';

/** Rows per query when streaming a type: large enough that 100k users take ~20 round trips. */
const PAGE = 5000;
/** Pages of a streamed type requested ahead of the one being decoded. */
const AHEAD = 2;
/**
 * Types with at most this many objects are kept in memory once read: rules read policies and their
 * rules many times over, users (the only big type) are streamed every time and never held.
 */
const CACHE_MAX = 5000;
/** Bodies opened together: one inflate call and one JSON array parse per batch (decision 051). */
const BATCH = 1000;

type Row = { object_id: string; address: Buffer };

/**
 * The compliance rules' view of a stored snapshot. Objects of a type stream from Postgres with the
 * same validity-range condition as readSnapshot, a page at a time with the next pages (and their
 * bodies, from the body store) already in flight, decrypting as they go. Not a permission check: the caller (a scan) has made it.
 */
export async function openStoredSnapshot(
  deps: Pick<Deps, 'db' | 'keyring' | 'bodies'>,
  snap: Selectable<Snapshots>,
  opts: { scopesMissing?: string[]; preload?: readonly string[] } = {},
): Promise<ComplianceSnapshot> {
  const types = collectedTypes(snap.counts, snap.stats);
  const cache = new Map<string, SnapshotObject[]>();
  const decode = async <R extends Row>(rows: R[]): Promise<(SnapshotObject & { row: R })[]> => {
    const bodies = await openBodies(
      deps,
      snap.tenant_id,
      rows.map((r) => r.address),
    );
    return rows.map((r) => ({ id: r.object_id, body: bodies.get(r.address), row: r }));
  };
  const plain = ({ id, body }: SnapshotObject): SnapshotObject => ({ id, body });

  const valid = () =>
    deps.db
      .selectFrom('snapshot_entries as e')
      .select(['e.type', 'e.object_id', 'e.address'])
      .where('e.connection_id', '=', snap.connection_id)
      .where('e.from_seq', '<=', snap.seq)
      .where((eb) => eb.or([eb('e.to_seq', 'is', null), eb('e.to_seq', '>', snap.seq)]));
  const entries = (type: string) => valid().where('e.type', '=', type);

  // The small types the caller will read, in one round trip instead of one per type (a scan reads
  // about twenty): configuration is a few thousand objects at most.
  const small = [...new Set(opts.preload ?? [])].filter(
    (t) => hasType(types, t) && (types.counts[t] ?? 0) <= CACHE_MAX,
  );
  if (small.length) {
    for (const t of small) cache.set(t, []);
    for (const o of await decode(
      await valid().where('e.type', 'in', small).orderBy('e.type').orderBy('e.object_id').execute(),
    ))
      cache.get(o.row.type)!.push(plain(o));
  }

  /**
   * Every PAGE-th object id of a type (and its last), from the entries' index alone: the bounds of
   * pages that can then be fetched side by side.
   */
  const pageEnds = async (type: string): Promise<string[]> => {
    const numbered = deps.db
      .selectFrom('snapshot_entries as e')
      .select([
        'e.object_id',
        sql<number>`row_number() over (order by e.object_id)`.as('n'),
        sql<number>`count(*) over ()`.as('total'),
      ])
      .where('e.connection_id', '=', snap.connection_id)
      .where('e.type', '=', type)
      .where('e.from_seq', '<=', snap.seq)
      .where((eb) => eb.or([eb('e.to_seq', 'is', null), eb('e.to_seq', '>', snap.seq)]));
    const rows = await deps.db
      .selectFrom(numbered.as('b'))
      .select('b.object_id')
      .where(sql<boolean>`b.n % ${PAGE} = 0 or b.n = b.total`)
      .orderBy('b.object_id')
      .execute();
    return rows.map((r) => r.object_id);
  };

  /**
   * A big type, page by page in id order, with up to AHEAD pages requested ahead on their own
   * connections: Postgres reads and sends the next pages while this process decodes one.
   */
  /**
   * One page's bodies, opened a batch at a time (one inflate call per batch): whole, or only `fields`
   * of each when the reader asked for a projection. Each row gets its own parsed value, as `decode`
   * gives (rows that share a version never share a mutable body).
   */
  const openPage = async (rows: Row[], fields?: readonly string[]): Promise<SnapshotObject[]> => {
    if (!rows.length) return [];
    const sealed = await bodyStoreOf(deps).get(
      deps.db,
      snap.tenant_id,
      rows.map((r) => r.address),
    );
    const { key } = await deps.keyring.dataKey(deps.db, snap.tenant_id);
    const bodies: unknown[] = [];
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      const opened = openBatch(
        {
          key,
          tenantId: snap.tenant_id,
          addresses: part.map((r) => r.address),
          blobs: part.map((r) => sealed.get(addressKey(r.address))!),
        },
        fields,
      );
      bodies.push(...('texts' in opened ? (JSON.parse(opened.texts) as unknown[]) : opened.projected));
    }
    return rows.map((r, i) => ({ id: r.object_id, body: bodies[i] }));
  };

  async function* stream(type: string, fields?: readonly string[]): AsyncGenerator<SnapshotObject> {
    const ends = await pageEnds(type);
    const fetch = async (i: number): Promise<SnapshotObject[]> => {
      let q = entries(type).where('e.object_id', '<=', ends[i]!).orderBy('e.object_id');
      if (i > 0) q = q.where('e.object_id', '>', ends[i - 1]!);
      return openPage(await q.execute(), fields);
    };
    const ahead: Promise<SnapshotObject[]>[] = [];
    let next = 0;
    const fill = () => {
      while (ahead.length < AHEAD && next < ends.length) ahead.push(fetch(next++));
    };
    try {
      fill();
      while (ahead.length) {
        const page = await ahead.shift()!;
        fill();
        yield* page;
      }
    } finally {
      for (const p of ahead) p.catch(() => undefined); // a consumer that stops early leaves pages nobody awaits
    }
  }

  /**
   * Decision 051: a big type read for a few fields comes from the projection its backup kept (one
   * blob opened, not every body), when the projection holds every field asked; else from the bodies.
   */
  const projections = new Map<string, Promise<Projection | undefined>>();
  async function* fromProjection(type: string, fields: readonly string[]): AsyncGenerator<SnapshotObject> {
    if (!projections.has(type)) projections.set(type, loadProjection(deps, snap, type, types.counts[type] ?? 0));
    const p = await projections.get(type)!;
    if (!p || !fields.every((f) => p.fields.includes(f))) return yield* stream(type, fields);
    for (const [id, body] of p.objects) yield { id, body: project(body, fields) };
  }

  async function* objects(type: string, opts?: { fields?: readonly string[] }): AsyncGenerator<SnapshotObject> {
    const hit = cache.get(type);
    if (hit) return yield* hit;
    if ((types.counts[type] ?? 0) > CACHE_MAX)
      return yield* opts?.fields ? fromProjection(type, opts.fields) : stream(type);
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
      return row ? plain((await decode([row]))[0]!) : undefined;
    },
  };
}
