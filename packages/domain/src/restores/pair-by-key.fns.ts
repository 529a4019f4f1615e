import { parentOf, refKey, type TypeIndex } from '../snapshots/objects.fns.ts';
import { valueAt } from '../snapshots/paths.fns.ts';
import type { Candidate } from './plan.fns.ts';
import { type IdMap, liveIdOf } from './rewrite.fns.ts';

export interface Pairing {
  /** Snapshot objects found live under another id: the snapshot's body against the live one. */
  paired: Candidate[];
  /** refKey(type, snapshot id) → live id, for those found by natural key (the rest follow from their parent). */
  byKey: Map<string, string>;
  /** What was left on either side. */
  unseen: Candidate[];
  extra: Candidate[];
}

const depth = (types: TypeIndex, type: string) => {
  let n = 0;
  for (let t = types.get(type); t?.parent && n < 10; t = types.get(t.parent)) n++;
  return n;
};

/**
 * Snapshot objects the org no longer has under their ids (nor through the id map), paired with live
 * objects the snapshot lacks: the same parent and the same natural key (a name, a label, a login), or
 * the same id under a parent paired so. A policy re-created by a restore gets a new catch-all rule from
 * Okta; a group someone re-created by hand is that group again. Ambiguous keys pair nothing.
 * Parents are paired before their children.
 */
export function pairByNaturalKey(
  types: TypeIndex,
  unseen: readonly Candidate[],
  extra: readonly Candidate[],
  idMap: IdMap,
): Pairing {
  const map = new Map(idMap);
  const byKey = new Map<string, string>();
  const extraById = new Map(extra.map((c) => [refKey(c.type, c.id), c]));
  const byNatural = new Map<string, Candidate | null>();
  for (const c of extra) {
    const key = naturalOf(types, c.type, c.id, c.live);
    if (key) byNatural.set(key, byNatural.has(key) ? null : c);
  }
  const taken = new Set<Candidate>();
  const paired: Candidate[] = [];
  const left: Candidate[] = [];
  for (const c of [...unseen].sort((a, b) => depth(types, a.type) - depth(types, b.type))) {
    const info = types.get(c.type);
    const under = liveIdOf(types, c.type, c.id, map);
    let hit = under !== c.id ? extraById.get(refKey(c.type, under)) : undefined;
    if (!hit && info?.restore?.naturalKey) {
      const parent = parentOf(info, c.id);
      const key = naturalOf(
        types,
        c.type,
        parent ? `${liveIdOf(types, parent.type, parent.id, map)}/x` : 'x',
        c.desired,
      );
      const found = key ? byNatural.get(key) : undefined;
      if (found && !taken.has(found)) {
        hit = found;
        byKey.set(refKey(c.type, c.id), found.id);
        map.set(refKey(c.type, c.id), found.id);
      }
    }
    if (!hit || taken.has(hit)) {
      left.push(c);
      continue;
    }
    taken.add(hit);
    paired.push({ ...c, live: hit.live });
  }
  return { paired, byKey, unseen: left, extra: extra.filter((c) => !taken.has(c)) };
}

/** type, parent's live id and the natural key's value; undefined when the type has none or the value is empty. */
function naturalOf(types: TypeIndex, type: string, liveId: string, body: unknown) {
  const info = types.get(type);
  const path = info?.restore?.naturalKey;
  const value = path ? valueAt(body, path) : undefined;
  if (typeof value !== 'string' || !value) return undefined;
  const parent = info && parentOf(info, liveId);
  return `${type}\u0000${parent?.id ?? ''}\u0000${value}`;
}
