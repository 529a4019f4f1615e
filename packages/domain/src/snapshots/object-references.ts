import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import type { IdpObjectTypeInfo } from '../idp/types.ts';
import { labelOf, referencesOf } from './objects.fns.ts';
import { entriesAt } from './entries-at.ts';
import { openBodies } from '../bodies/open-bodies.ts';

/** A reference the object makes, and what it names in the same snapshot (absent there: null). */
export interface ObjectReference {
  path: string;
  value: string;
  target: { type: string; id: string; label: string } | null;
}

const MAX_REFERENCES = 200;

/**
 * The references a snapshot object makes to other objects, found by the type's reference paths
 * (the ones restores rewrite: restores/objects.fns.ts referencesOf) and named from the same
 * snapshot. References by another field than the id (an authenticator's `key`) are listed unnamed.
 */
export async function objectReferences(
  deps: Pick<Deps, 'db' | 'keyring' | 'bodies'>,
  snap: Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>,
  info: IdpObjectTypeInfo,
  body: unknown,
): Promise<ObjectReference[]> {
  const hits = referencesOf(info, body).slice(0, MAX_REFERENCES);
  const byId = hits.filter((h) => !h.by);
  if (!byId.length) return hits.map((h) => ({ path: h.at, value: h.value, target: null }));
  const rows = await entriesAt(deps.db, snap)
    .select(['e.type', 'e.object_id', 'e.address'])
    .where('e.tenant_id', '=', snap.tenant_id)
    .where('e.type', 'in', [...new Set(byId.flatMap((h) => h.types))])
    .where('e.object_id', 'in', [...new Set(byId.map((h) => h.value))])
    .execute();
  const bodies = await openBodies(
    deps,
    snap.tenant_id,
    rows.map((r) => r.address),
  );
  const found = new Map(
    rows.map((r) => [
      `${r.type}\u0000${r.object_id}`,
      { type: r.type, id: r.object_id, label: labelOf(bodies.get(r.address.toString('latin1')), r.object_id) },
    ]),
  );
  return hits.map((h) => {
    const target = h.by ? undefined : h.types.map((t) => found.get(`${t}\u0000${h.value}`)).find(Boolean);
    return { path: h.at, value: h.value, target: target ?? null };
  });
}
