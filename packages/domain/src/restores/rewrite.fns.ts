import type { IdpObjectTypeInfo } from '../idp/types.ts';
import { ownKeyOf, parentOf, refKey, referencesOf, type TypeIndex } from '../snapshots/objects.fns.ts';
import { hitAt, replaceId } from '../snapshots/paths.fns.ts';

/** Old id → new id of the objects a plan re-created, by refKey(type, old id). */
export type IdMap = ReadonlyMap<string, string>;

const mapped = (idMap: IdMap, types: readonly string[], value: string) => {
  for (const t of types) {
    const v = idMap.get(refKey(t, value));
    if (v !== undefined) return v;
  }
  return undefined;
};

/** A copy of a snapshot body whose references to re-created objects name their new ids. */
export function rewriteBody(info: IdpObjectTypeInfo, body: unknown, idMap: IdMap): unknown {
  if (!idMap.size) return body;
  const copy = structuredClone(body);
  for (const ref of referencesOf(info, copy)) {
    if (ref.by) continue;
    const to = mapped(idMap, ref.types, ref.value);
    const hit = to === undefined ? undefined : hitAt(copy, ref.at);
    if (hit && typeof hit.value === 'string')
      hit.set(ref.prefix ? `${ref.prefix}${to}` : replaceId(hit.value, ref.value, to!));
  }
  return copy;
}

/**
 * Where a snapshot object lives in the org now: a re-created object under its new id, a child under
 * its parent's new id, a relation row under the new id of what its key names (a membership of a
 * re-created user).
 */
export function liveIdOf(types: TypeIndex, type: string, id: string, idMap: IdMap): string {
  const direct = idMap.get(refKey(type, id));
  if (direct !== undefined) return direct;
  const info = types.get(type);
  if (!info) return id;
  const parent = parentOf(info, id);
  const parentId = parent ? liveIdOf(types, parent.type, parent.id, idMap) : undefined;
  if (info.singleton) return parentId ?? id;
  const own = ownKeyOf(info, id)!;
  const ownRef = info.references.find((r) => !r.by && r.path === (info.idField ?? 'id'));
  const ownNow = (ownRef && mapped(idMap, Array.isArray(ownRef.type) ? ownRef.type : [ownRef.type], own)) ?? own;
  return parentId === undefined ? ownNow : `${parentId}/${ownNow}`;
}
