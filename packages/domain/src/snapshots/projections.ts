import type { DB, Kysely, Selectable, Snapshots, Transaction } from '@butterfly/db';
import { openJson, sealJson } from '../bodies/object-codec.fns.ts';
import { project } from '../bodies/open-batch.fns.ts';
import type { Deps } from '../deps.ts';

const binding = (tenantId: string, snapshotId: string, type: string) =>
  Buffer.from(`${tenantId}|projection|${snapshotId}|${type}`);

/** What a projection holds: the fields kept, and each object's id with just those fields. */
export interface Projection {
  fields: readonly string[];
  objects: [id: string, body: unknown][];
}

/**
 * Decision 051: while a backup ingests, the projected fields of each object of a projected type,
 * taken from the body exactly as it is stored (links stripped), once per object (the first listing
 * wins, as the ingest's). Kept only for a type the backup listed whole: one whose objects kept
 * unread (unchanged children, a change feed's unchanged objects) or listed twice make the snapshot's
 * count differ from the objects collected, and that type gets no projection.
 */
export class ProjectionCollector {
  private readonly rows = new Map<string, { fields: readonly string[]; objects: Map<string, unknown> }>();

  constructor(plan: ReadonlyMap<string, readonly string[]>) {
    for (const [type, fields] of plan) if (fields.length) this.rows.set(type, { fields, objects: new Map() });
  }

  add(type: string, id: string, storedBody: unknown): void {
    const p = this.rows.get(type);
    if (p && !p.objects.has(id)) p.objects.set(id, project(storedBody, p.fields));
  }

  /** The projections of the types read whole: each holds exactly the snapshot's count of its type. */
  whole(counts: Readonly<Record<string, number>>) {
    return [...this.rows]
      .filter(([type, p]) => p.objects.size > 0 && p.objects.size === counts[type])
      .map(([type, p]) => ({ type, fields: p.fields, objects: p.objects }));
  }
}

/** Seals each projection as one blob; runs in the transaction that makes the snapshot visible. */
export async function storeProjections(
  trx: Transaction<DB>,
  s: {
    tenantId: string;
    snapshotId: string;
    dataKey: { version: number; key: Buffer };
    projections: { type: string; fields: readonly string[]; objects: Map<string, unknown> }[];
  },
) {
  for (const p of s.projections) {
    const json = JSON.stringify({ fields: p.fields, objects: [...p.objects] } satisfies Projection);
    await trx
      .insertInto('snapshot_projections')
      .values({
        snapshot_id: s.snapshotId,
        type: p.type,
        tenant_id: s.tenantId,
        object_count: p.objects.size,
        body: sealJson(s.dataKey, binding(s.tenantId, s.snapshotId, p.type), json),
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
