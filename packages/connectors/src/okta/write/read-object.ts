import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import { fillPath, getTemplate, typeDef } from '../catalog.fns.ts';
import type { OktaScope } from '../catalog.ts';
import { OktaApiError, OktaUnsupportedError } from '../errors.ts';
import type { OktaApi } from '../http/api.ts';
import { toIdpObject } from '../objects.fns.ts';
import { RELATION_READERS } from './read-relation.ts';

/**
 * One object by type and id (undefined when Okta answers 404): the read-one endpoint, or for a
 * relation without one (a membership), its reader. A restore checks every object it touches this way.
 */
export async function readObject(
  api: OktaApi,
  ref: IdpObjectRef,
  o: { tokenScopes?: (scope: OktaScope) => readonly OktaScope[]; signal?: AbortSignal } = {},
): Promise<IdpObject | undefined> {
  const def = typeDef(ref.type);
  const template = getTemplate(def);
  const keys = def.singleton && ref.id === 'default' ? [] : ref.id.split('/');
  const relation = RELATION_READERS.get(def.type);
  try {
    if (!template && relation) return await relation(api, def, keys, { tokenScopes: o.tokenScopes, signal: o.signal });
    if (!template) throw new OktaUnsupportedError(`${def.type} cannot be read one by one: list it`);
    const { body } = await api.get(fillPath(template, keys), {
      template,
      scope: def.scope,
      tokenScopes: o.tokenScopes?.(def.scope),
      signal: o.signal,
    });
    return toIdpObject(def, ref.id, body);
  } catch (e) {
    if (e instanceof OktaApiError && e.status === 404) return undefined;
    throw e;
  }
}
