import type { IdpObject } from '@butterfly/domain/idp';
import { keyOf } from './catalog.fns.ts';
import type { OktaObjectType } from './catalog.ts';
import { OktaApiError, OktaError } from './errors.ts';
import { redactInPlace, valueAt, withoutLinks } from './json-path.fns.ts';

/**
 * An object's id within its type: the ancestors' keys and its own, joined by '/' (Okta ids, template
 * names and role labels never contain one), so `readObject` can rebuild the read path from it.
 */
export function objectId(def: OktaObjectType, ancestors: readonly string[], item: unknown): string {
  if (def.singleton) return ancestors.join('/') || 'default';
  const key = keyOf(def, item);
  if (key === undefined) throw new OktaError(`A ${def.type} from GET ${def.list} has no ${def.idField ?? 'id'}`);
  return [...ancestors, key].join('/');
}

/** The body as stored: as returned minus `_links` (unless the links are the data), secrets redacted. */
export function toIdpObject(def: OktaObjectType, id: string, raw: unknown): IdpObject {
  // The kept fields are picked before copying: a membership row is the whole user again, and
  // copying it only to keep its id would copy every member of every group.
  const picked = def.keep ? Object.fromEntries(def.keep.map((k) => [k, valueAt(raw, k)])) : raw;
  const body = def.keepLinks ? structuredClone(picked) : withoutLinks(picked);
  const redacted = def.secrets ? redactInPlace(body, def.secrets) : [];
  return {
    type: def.type,
    id,
    body,
    ...(redacted.length ? { redacted } : {}),
    ...(def.keepLinks ? { linksAreData: true } : {}),
  };
}

/**
 * "This org (or this parent) has none": the feature is not enabled (E0000015), the type documents
 * the status as absence (a never-customized page is a 404), or a child list's parent went away
 * between two pages (404).
 */
export function isAbsence(def: OktaObjectType, e: unknown): e is OktaApiError {
  if (!(e instanceof OktaApiError)) return false;
  return e.featureUnavailable || !!def.absentOn?.includes(e.status) || (!!def.parent && e.status === 404);
}
