import type { IdpObjectTypeInfo } from '../idp/types.ts';
import { ownKeyOf, parentOf, refKey, type TypeIndex } from '../snapshots/objects.fns.ts';
import { hitAt, replaceId } from '../snapshots/paths.fns.ts';
import { type IdMap, liveIdOf, rewriteBody } from './rewrite.fns.ts';

/**
 * The other direction of the connection's id map: a live object found under the id a restore gave
 * it is the snapshot's object with the old id. Without this, a preview after an apply would plan to
 * create again everything the apply re-created.
 */
export interface LiveMatcher {
  /** Snapshot ids a live object may have (through the map first, then its own id), most likely first. */
  snapshotIdsOf(type: string, liveId: string): string[];
  /** The snapshot body as it should look live now: references and its own id through the map. */
  asLive(type: string, snapshotId: string, body: unknown): unknown;
  idMap: IdMap;
}

export function liveMatcher(types: TypeIndex, idMap: IdMap): LiveMatcher {
  const reverse = new Map<string, string[]>();
  for (const [key, to] of idMap) {
    const type = key.slice(0, key.indexOf('\u0000'));
    const back = refKey(type, to);
    reverse.set(back, [...(reverse.get(back) ?? []), key.slice(key.indexOf('\u0000') + 1)]);
  }
  const mappedTypes = new Set([...idMap.keys()].map((k) => k.slice(0, k.indexOf('\u0000'))));
  // Types whose ids can hold a mapped id: the mapped types, their children, rows keyed by a mapped reference.
  const affected = new Set<string>();
  const reaches = (info: IdpObjectTypeInfo | undefined, depth = 0): boolean => {
    if (!info || depth > 8) return false;
    if (mappedTypes.has(info.type)) return true;
    const own = ownRefTypes(info);
    if (own.some((t) => mappedTypes.has(t))) return true;
    return info.parent ? reaches(types.get(info.parent), depth + 1) : false;
  };
  for (const info of types.values()) if (reaches(info)) affected.add(info.type);

  const snapshotIdsOf = (type: string, liveId: string): string[] => {
    if (!affected.has(type)) return [liveId];
    const out = [...(reverse.get(refKey(type, liveId)) ?? [])];
    const info = types.get(type)!;
    const parent = parentOf(info, liveId);
    const parents = parent ? snapshotIdsOf(parent.type, parent.id) : [undefined];
    if (info.singleton) {
      out.push(...parents.filter((p): p is string => p !== undefined));
    } else {
      const own = ownKeyOf(info, liveId)!;
      const owns = [...ownRefTypes(info).flatMap((t) => reverse.get(refKey(t, own)) ?? []), own];
      for (const p of parents) for (const o of owns) out.push(p === undefined ? o : `${p}/${o}`);
    }
    out.push(liveId);
    return [...new Set(out)];
  };

  const asLive = (type: string, snapshotId: string, body: unknown): unknown => {
    const info = types.get(type);
    if (!info || !idMap.size || body === null || typeof body !== 'object') return body;
    const copy = rewriteBody(info, body, idMap);
    // Its own id field names its key, or is a link through its parents' keys (an app's schema): the live ones.
    const before = snapshotId.split('/');
    const now = liveIdOf(types, type, snapshotId, idMap).split('/');
    const own = hitAt(copy, info.idField ?? 'id');
    if (!own || typeof own.value !== 'string' || before.length !== now.length) return copy;
    let v = own.value;
    const prefix = info.idPrefix ?? '';
    before.forEach((b, i) => {
      if (b === now[i]) return;
      v = prefix && v === `${prefix}${b}` ? `${prefix}${now[i]}` : replaceId(v, b, now[i]!);
    });
    own.set(v);
    return copy;
  };
  return { snapshotIdsOf, asLive, idMap };
}

/** Types a relation row's key names (a membership is keyed by its user). */
const ownRefTypes = (info: IdpObjectTypeInfo) =>
  info.references
    .filter((r) => !r.by && r.path === (info.idField ?? 'id'))
    .flatMap((r) => (Array.isArray(r.type) ? r.type : [r.type]));
