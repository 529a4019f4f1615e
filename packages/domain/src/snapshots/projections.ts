import type { DB, Kysely, Selectable, Snapshots, Transaction } from '@butterfly/db';
import { openJson, sealJsonParts } from '../bodies/object-codec.fns.ts';
import { project } from '../bodies/open-batch.fns.ts';
import type { Deps } from '../deps.ts';

const binding = (tenantId: string, snapshotId: string, type: string) =>
  Buffer.from(`${tenantId}|projection|${snapshotId}|${type}`);

/** What a projection holds: the fields kept, and each object's id with just those fields. */
export interface Projection {
  fields: readonly string[];
  objects: [id: string, body: unknown][];
}

/** One type's projection as it is collected: each object's `[id, fields]` as JSON text (see `add`). */
interface Collected {
  fields: readonly string[];
  ids: Set<string>;
  parts: string[];
}

/**
 * Decision 051: while a backup ingests, the projected fields of each object of a projected type,
 * taken from the body exactly as it is stored (links stripped), once per object (the first listing
 * wins, as the ingest's). Kept only for a type the backup listed whole: one whose objects kept
 * unread (unchanged children, a change feed's unchanged objects) or listed twice make the snapshot's
 * count differ from the objects collected, and that type gets no projection.
 *
 * Each object is kept as the JSON text it will be stored as, not as objects (issue 20): 100k users
 * are then one small string each, sealed as they stream (`sealJsonParts`) instead of a stringify of
 * the whole collection beside it.
 */
export class ProjectionCollector {
  private readonly rows = new Map<string, Collected>();

  constructor(plan: ReadonlyMap<string, readonly string[]>) {
    for (const [type, fields] of plan) if (fields.length) this.rows.set(type, { fields, ids: new Set(), parts: [] });
  }

  add(type: string, id: string, storedBody: unknown): void {
    const p = this.rows.get(type);
    if (!p || p.ids.has(id)) return;
    p.ids.add(id);
    p.parts.push(JSON.stringify([id, project(storedBody, p.fields)]));
  }

  /** The projections of the types read whole: each holds exactly the snapshot's count of its type. */
  whole(counts: Readonly<Record<string, number>>): CollectedProjection[] {
    return [...this.rows]
      .filter(([type, p]) => p.ids.size > 0 && p.ids.size === counts[type])
      .map(([type, p]) => ({ type, count: p.ids.size, parts: projectionParts(p) }));
  }
}

/** A projection ready to store: its count of objects, and its JSON text (`Projection`) as parts joined by commas. */
export interface CollectedProjection {
  type: string;
  count: number;
  parts: readonly string[];
}

/**
 * `JSON.stringify({ fields, objects })` of the collected parts, joined by commas: the head and the
 * tail are folded into the first and last parts. Sealed as they are (`sealJsonParts`), never joined.
 */
function projectionParts(p: Collected): readonly string[] {
  const parts = [...p.parts];
  parts[0] = `{"fields":${JSON.stringify(p.fields)},"objects":[${parts[0]}`;
  parts[parts.length - 1] += ']}';
  return parts;
}

/** Seals each projection as one blob; runs in the transaction that makes the snapshot visible. */
export async function storeProjections(
  trx: Transaction<DB>,
  s: {
    tenantId: string;
    snapshotId: string;
    dataKey: { version: number; key: Buffer };
    projections: CollectedProjection[];
  },
) {
  for (const p of s.projections) {
    await trx
      .insertInto('snapshot_projections')
      .values({
        snapshot_id: s.snapshotId,
        type: p.type,
        tenant_id: s.tenantId,
        object_count: p.count,
        body: await sealJsonParts(s.dataKey, binding(s.tenantId, s.snapshotId, p.type), p.parts, ','),
      })
      .execute();
  }
}

/**
 * The snapshot's projection of `type`, when its backup kept one holding exactly the snapshot's count
 * of that type; undefined otherwise (older snapshots, a type not read whole): read the bodies then.
 */
export async function loadProjection(
  deps: Pick<Deps, 'keyring'> & { db: Kysely<DB> },
  snap: Pick<Selectable<Snapshots>, 'id' | 'tenant_id'>,
  type: string,
  count: number,
): Promise<Projection | undefined> {
  const row = await deps.db
    .selectFrom('snapshot_projections')
    .select(['object_count', 'body'])
    .where('tenant_id', '=', snap.tenant_id)
    .where('snapshot_id', '=', snap.id)
    .where('type', '=', type)
    .executeTakeFirst();
  if (!row || row.object_count !== count) return undefined;
  const { key } = await deps.keyring.dataKey(deps.db, snap.tenant_id);
  return JSON.parse(openJson(key, binding(snap.tenant_id, snap.id, type), row.body)) as Projection;
}
