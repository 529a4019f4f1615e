import type { IdpObjectTypeInfo, IdpRestoreInfo } from '@butterfly/domain/idp';
import { getTemplate } from './catalog.fns.ts';
import type { OktaObjectType } from './catalog.ts';
import { loggedAs } from './log-changes.ts';
import { RELATION_READERS } from './write/read-relation.ts';
import { writeScopesByKind } from './write/scopes.fns.ts';
import { assignsId, specOf } from './write/spec.fns.ts';

/*
 * What the domain is told about each Okta type: the catalog's facts joined with what the writers can
 * do. Apart from catalog.fns.ts (which the readers and writers import) so the catalog stays below them.
 */

/** What a restore may do with the type, as the domain reads it (IdpObjectTypeInfo.restore). */
export function restoreInfo(d: OktaObjectType): IdpRestoreInfo {
  const s = specOf(d);
  return {
    create: s.create !== false && !d.singleton,
    update: s.update !== false,
    delete: s.delete !== false && !d.singleton,
    lifecycle: !!s.lifecycle,
    assignsId: assignsId(d),
    ...(s.naturalKey ? { naturalKey: s.naturalKey } : {}),
    ...(s.reason ? { reason: s.reason } : {}),
    writeScopes: writeScopesByKind(d),
    ...s.restore,
  };
}

export function typeInfo(d: OktaObjectType): IdpObjectTypeInfo {
  return {
    type: d.type,
    label: d.label,
    scope: d.scope,
    parent: d.parent,
    singleton: !!d.singleton,
    optional: !!d.optional,
    secretFields: d.secrets ?? [],
    references: d.refs ?? [],
    idField: d.idField ?? 'id',
    readOne: getTemplate(d) !== undefined || RELATION_READERS.has(d.type),
    bodyIsKey: d.keep?.length === 1 && d.keep[0] === (d.idField ?? 'id'),
    ...(d.parentVersion ? { parentVersion: d.parentVersion } : {}),
    ...(loggedAs(d.type) ? { logged: loggedAs(d.type) } : {}),
    volatile: specOf(d).volatile ?? [],
    restore: restoreInfo(d),
  };
}
