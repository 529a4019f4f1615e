import { fillPath, getTemplate } from '../catalog.fns.ts';
import type { OktaObjectType } from '../catalog.ts';

/** Where an object lives: its parent's keys, its own key, and the list and item paths (filled and as templates). */
export interface Location {
  ancestors: string[];
  own?: string;
  list: string;
  listTemplate: string;
  item: string;
  itemTemplate: string;
}

export function locate(def: OktaObjectType, id: string): Location {
  const keys = def.singleton && id === 'default' ? [] : id.split('/');
  const ancestors = def.singleton ? keys : keys.slice(0, -1);
  const itemTemplate = getTemplate(def) ?? `${def.list}/{id}`;
  return {
    ancestors,
    own: def.singleton ? undefined : keys.at(-1),
    list: fillPath(def.list, ancestors),
    listTemplate: def.list,
    item: fillPath(itemTemplate, keys),
    itemTemplate,
  };
}
