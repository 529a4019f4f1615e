import type { IdpObjectTypeInfo } from '@butterfly/domain/idp';
import { GOOGLE_CATALOG, type GoogleObjectType } from './catalog.ts';

const byType = new Map(GOOGLE_CATALOG.map((d) => [d.type, d]));

export function googleTypeDef(type: string): GoogleObjectType {
  const d = byType.get(type);
  if (!d) throw new RangeError(`Unknown Google Workspace object type "${type}"`);
  return d;
}

export const googleChildrenOf = (type: string) => GOOGLE_CATALOG.filter((d) => d.parent === type);
export const googleDefaultTypes = () => GOOGLE_CATALOG.map((d) => d.type);

/** Types a missing scope leaves out: those needing it, and their children. */
export function googleTypesLeftOut(scope: string, among: readonly string[] = googleDefaultTypes()): string[] {
  return among.filter((t) => {
    const d = googleTypeDef(t);
    return d.scope === scope || (d.parent !== undefined && googleTypeDef(d.parent).scope === scope);
  });
}

export function googleTypeInfo(d: GoogleObjectType): IdpObjectTypeInfo {
  return {
    type: d.type,
    label: d.label,
    scope: d.scope,
    ...(d.parent ? { parent: d.parent } : {}),
    // A collapsed relation list is one object per parent, under the parent's id (as Entra's).
    singleton: !!d.singleton || !!d.collapse,
    optional: false,
    secretFields: [],
    references: d.refs ?? [],
    idField: d.idField ?? 'id',
    ...(d.namePrefix ? { idPrefix: d.namePrefix } : {}),
    // Reads go through listing (decision 062).
    readOne: false,
    bodyIsKey: false,
    volatile: d.volatile ?? [],
    ...(d.restore ? { restore: d.restore } : {}),
  };
}
