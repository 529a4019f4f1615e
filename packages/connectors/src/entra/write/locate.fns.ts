import type { EntraObjectType } from '../catalog.ts';
import { entraAncestorsOf } from '../catalog.fns.ts';

export interface EntraLocation {
  /** The collection a create POSTs to (`{id}` filled with the parent's key). */
  list: string;
  /** The object itself (a singleton: its own path). */
  item: string;
  /** Path templates, the stats keys. */
  listTemplate: string;
  itemTemplate: string;
  /** The object's own key (absent for a singleton). */
  own?: string;
  /** The key of the parent whose `{id}` the list path names. */
  parentKey?: string;
}

/**
 * Where an object of a type lives in Graph, from its id as the lister made it (objects.fns.ts): the
 * keys of its non-singleton ancestors, then its own, joined by '/'.
 */
export function locateEntra(def: EntraObjectType, id: string): EntraLocation {
  const keyed = entraAncestorsOf(def.type).filter((a) => !a.singleton).length;
  const parts = id.split('/');
  const parentKey = def.list.includes('{id}') ? parts[keyed - 1] : undefined;
  if (def.list.includes('{id}') && !parentKey) throw new RangeError(`${def.type} id "${id}" names no parent`);
  const list = parentKey === undefined ? def.list : def.list.replace('{id}', encodeURIComponent(parentKey));
  const parent = parentKey === undefined ? {} : { parentKey };
  if (def.singleton) return { list, item: list, listTemplate: def.list, itemTemplate: def.list, ...parent };
  const own = parts.slice(keyed).join('/');
  return {
    list,
    item: `${list}/${encodeURIComponent(own)}`,
    listTemplate: def.list,
    itemTemplate: `${def.list}/{key}`,
    own,
    ...parent,
  };
}
