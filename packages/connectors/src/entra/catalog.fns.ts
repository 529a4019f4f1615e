import type { IdpObjectTypeInfo } from '@butterfly/domain/idp';
import { ENTRA_CATALOG, type EntraObjectType } from './catalog.ts';

const byType = new Map(ENTRA_CATALOG.map((d) => [d.type, d]));

export function entraTypeDef(type: string): EntraObjectType {
  const d = byType.get(type);
  if (!d) throw new RangeError(`Unknown Entra object type "${type}"`);
  return d;
}

export const entraChildrenOf = (type: string) => ENTRA_CATALOG.filter((d) => d.parent === type);
export const entraDefaultTypes = () => ENTRA_CATALOG.map((d) => d.type);

export function entraAncestorsOf(type: string): EntraObjectType[] {
  const out: EntraObjectType[] = [];
  for (let d = entraTypeDef(type); d.parent; ) {
    d = entraTypeDef(d.parent);
    out.unshift(d);
  }
  return out;
}

/** Types a missing permission leaves out: those needing it, and every descendant of those. */
export function entraTypesLeftOut(permission: string, among: readonly string[] = entraDefaultTypes()): string[] {
  return among.filter((t) => [entraTypeDef(t), ...entraAncestorsOf(t)].some((d) => d.permission === permission));
}

export function entraTypeInfo(d: EntraObjectType): IdpObjectTypeInfo {
  return {
    type: d.type,
    label: d.label,
    scope: d.permission,
    ...(d.parent ? { parent: d.parent } : {}),
    singleton: !!d.singleton,
    optional: false,
    secretFields: d.secrets ?? [],
    references: d.refs ?? [],
    idField: d.idField ?? 'id',
    // Reads go through listing for now (decision 057): readObject finds one by listing its type.
    readOne: false,
    bodyIsKey: false,
    volatile: d.volatile ?? [],
    ...(d.restore ? { restore: d.restore } : {}),
    ...(d.delta ? { changeFeed: true } : {}),
  };
}
