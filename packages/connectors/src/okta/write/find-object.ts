import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import { typeDef } from '../catalog.fns.ts';
import type { OktaScope } from '../catalog.ts';
import { OktaApiError } from '../errors.ts';
import type { OktaApi } from '../http/api.ts';
import { valueAt } from '../json-path.fns.ts';
import { objectId, toIdpObject } from '../objects.fns.ts';
import { pagesOf } from '../pager.ts';
import { locate } from './locate.fns.ts';
import { specOf } from './spec.fns.ts';

/**
 * The live object a create of `body` would have made: same parent, same natural key (a group's
 * name, a user's login). A restore asks after a create was interrupted, to adopt instead of
 * creating twice. Types without a natural key are never adopted.
 */
export async function findObject(
  api: OktaApi,
  ref: IdpObjectRef,
  body: unknown,
  o: { tokenScopes?: readonly OktaScope[]; signal?: AbortSignal } = {},
): Promise<IdpObject | undefined> {
  const { signal, tokenScopes } = o;
  const def = typeDef(ref.type);
  const spec = specOf(def);
  const value = spec.naturalKey ? valueAt(body, spec.naturalKey) : undefined;
  if (typeof value !== 'string' || !value) return undefined;
  const { ancestors } = locate(def, ref.id);
  const hit = (item: unknown) => valueAt(item, spec.naturalKey!) === value;
  const found = async (item: unknown) => toIdpObject(def, objectId(def, ancestors, item), item);
  if (spec.find) {
    const { url, template } = spec.find(value);
    try {
      const { body: answer } = await api.get(url, { template, scope: def.scope, tokenScopes, signal });
      const item = (Array.isArray(answer) ? answer : [answer]).find(hit);
      return item ? found(item) : undefined;
    } catch (e) {
      if (e instanceof OktaApiError && e.status === 404) return undefined;
      throw e;
    }
  }
  for (const pass of def.passes ?? [{}]) {
    for await (const page of pagesOf(api, def, ancestors, pass, { signal, tokenScopes })) {
      const item = page.find(hit);
      if (item) return found(item);
    }
  }
  return undefined;
}
