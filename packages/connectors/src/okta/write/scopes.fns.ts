import { getTemplate } from '../catalog.fns.ts';
import type { OktaObjectType } from '../catalog.ts';
import { specOf } from './spec.fns.ts';

export type WriteKind = 'create' | 'update' | 'delete' | 'activate' | 'deactivate';

export interface WriteCall {
  kind: WriteKind;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  template: string;
}

/**
 * Where Okta's `security: oauth2` scope for a write is not the `.manage` twin of the type's read
 * scope (test/write-scopes.json, from shared/okta/management-openapi.yaml, says which). Keys are
 * "METHOD path" with path parameters as `{}`.
 */
const SCOPE_EXCEPTIONS: Record<string, `okta.${string}.manage`> = {
  // An app's sign-in policy is assigned on the app, not on the policy.
  'PUT /api/v1/apps/{}/policies/{}': 'okta.apps.manage',
};

const shape = (template: string) => template.replace(/\{[^}]+\}/g, '{}');

/** The OAuth scope one write needs: Okta's own for that operation. */
export function writeScope(def: OktaObjectType, method: string, template: string): `okta.${string}.manage` {
  return (
    SCOPE_EXCEPTIONS[`${method} ${shape(template)}`] ??
    (def.scope.replace(/\.read$/, '.manage') as `okta.${string}.manage`)
  );
}

/** Every call a restore may make for objects of this type (writeObject's paths), for scopes and checks. */
export function writesOf(def: OktaObjectType): (WriteCall & { scope: string })[] {
  const spec = specOf(def);
  const item = getTemplate(def) ?? `${def.list}/{id}`;
  const out: WriteCall[] = [];
  if (spec.create !== false && !def.singleton) {
    const c = spec.create ?? {};
    const put = c.method === 'PUT' || c.method === 'PATCH' || !!c.onItem;
    out.push({ kind: 'create', method: c.method ?? 'POST', template: c.path ?? (put ? item : def.list) });
  }
  if (spec.update !== false) out.push({ kind: 'update', method: spec.update?.method ?? 'PUT', template: item });
  if (spec.delete !== false && !def.singleton) out.push({ kind: 'delete', method: 'DELETE', template: item });
  const del = spec.delete || undefined;
  const upd = spec.update || undefined;
  if (spec.lifecycle || del?.deactivateFirst || upd?.onlyWhileInactive) {
    out.push(
      { kind: 'activate', method: 'POST', template: `${item}/lifecycle/activate` },
      { kind: 'deactivate', method: 'POST', template: `${item}/lifecycle/deactivate` },
    );
  }
  if (def.type === 'user') out.push({ kind: 'activate', method: 'POST', template: `${item}/lifecycle/unsuspend` });
  if (def.type === 'app') out.push({ kind: 'create', method: 'POST', template: `${item}/credentials/secrets` });
  return out.map((w) => ({ ...w, scope: writeScope(def, w.method, w.template) }));
}

/** The scopes each kind of write on this type needs (IdpRestoreInfo.writeScopes). */
export function writeScopesByKind(def: OktaObjectType): Partial<Record<WriteKind, string[]>> {
  const out: Partial<Record<WriteKind, string[]>> = {};
  for (const w of writesOf(def)) out[w.kind] = [...new Set([...(out[w.kind] ?? []), w.scope])];
  return out;
}
