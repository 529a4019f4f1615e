import { type CryptoKey, exportJWK, importJWK, type JWK } from 'jose';
import type { TAppRegistration, TObj, TTenantSettings } from '../model/types.ts';
import type { TenantRegistry } from '../store/registry.ts';
import type { TDeleted, Tenant } from '../store/tenant.ts';
import type { KeySet } from '../sts/keys.ts';

interface TTenantState {
  id: string;
  domain: string;
  displayName: string;
  settings: TTenantSettings;
  collections: [string, TObj[]][];
  singletons: [string, TObj][];
  refs: [string, string[]][];
  deleted: [string, TDeleted][];
  apps: (Omit<TAppRegistration, 'certificates'> & { certificates: { thumbprint: string; jwk: JWK }[] })[];
}

/**
 * What the state file keeps: the signing keys and every tenant's objects, links, deleted items,
 * settings and app registrations (secret hashes, certificate public keys). Not kept: sign-in
 * sessions and codes, skip tokens, throttle windows, injected faults.
 */
export interface TSimState {
  version: 1;
  demo: boolean;
  keys: { signer: JWK; next: JWK };
  tenants: TTenantState[];
}

async function tenantState(t: Tenant): Promise<TTenantState> {
  return {
    id: t.id,
    domain: t.domain,
    displayName: t.displayName,
    settings: t.settings,
    collections: [...t.collections].map(([k, c]) => [k, [...c.values()]]),
    singletons: [...t.singletons],
    refs: [...t.refs],
    deleted: [...t.deleted],
    apps: await Promise.all(
      [...t.apps.values()].map(async (a) => ({
        ...a,
        certificates: await Promise.all(
          a.certificates.map(async (c) => ({ thumbprint: c.thumbprint, jwk: await exportJWK(c.key) })),
        ),
      })),
    ),
  };
}

export async function snapshot(registry: TenantRegistry, keys: KeySet, demo: boolean): Promise<TSimState> {
  return {
    version: 1,
    demo,
    keys: await keys.exportState(),
    tenants: await Promise.all(registry.list().map(tenantState)),
  };
}

/** Puts saved tenants back into an empty registry. */
export async function restoreTenants(registry: TenantRegistry, state: TSimState): Promise<void> {
  for (const s of state.tenants) {
    const t = registry.create(s.id, s.domain, s.displayName);
    Object.assign(t.settings, s.settings);
    for (const [k, objs] of s.collections) for (const o of objs) t.add(k, o);
    for (const [k, o] of s.singletons) t.singletons.set(k, o);
    for (const [k, ids] of s.refs) t.refs.set(k, ids);
    for (const [k, d] of s.deleted) t.deleted.set(k, d);
    for (const a of s.apps) {
      const certificates = await Promise.all(
        a.certificates.map(async (c) => ({
          thumbprint: c.thumbprint,
          key: (await importJWK(c.jwk, 'RS256', { extractable: true })) as CryptoKey,
        })),
      );
      t.apps.set(a.clientId, { ...a, certificates });
    }
  }
}
