import type { TAppRegistration, TFault, TObj, TSession, TTenantSettings } from '../model/types.ts';
import { Throttle } from './throttle.ts';

export interface TDeleted {
  store: string;
  type: string;
  obj: TObj;
}

/**
 * One directory. Graph collections are stored by their path with the parent's id in it
 * (`users`, `identity/conditionalAccess/policies`, `applications/<id>/federatedIdentityCredentials`),
 * singletons by path, and member/owner links as id lists (`groups/<id>/members`).
 */
export class Tenant {
  readonly collections = new Map<string, Map<string, TObj>>();
  readonly singletons = new Map<string, TObj>();
  readonly refs = new Map<string, string[]>();
  readonly deleted = new Map<string, TDeleted>();
  readonly apps = new Map<string, TAppRegistration>();
  readonly sessions = new Map<string, TSession>();
  faults: TFault[] = [];
  readonly throttle = new Throttle();

  constructor(
    readonly id: string,
    readonly domain: string,
    readonly displayName: string,
    readonly settings: TTenantSettings,
  ) {}

  collection(store: string): Map<string, TObj> {
    let c = this.collections.get(store);
    if (!c) {
      c = new Map();
      this.collections.set(store, c);
    }
    return c;
  }

  add(store: string, obj: TObj): TObj {
    this.collection(store).set(obj.id, obj);
    return obj;
  }

  links(key: string): string[] {
    let l = this.refs.get(key);
    if (!l) {
      l = [];
      this.refs.set(key, l);
    }
    return l;
  }

  /** Any directory object by id (member lists hold users, groups and service principals). */
  directoryObject(id: string): { type: string; obj: TObj } | undefined {
    for (const [store, type] of [
      ['users', 'user'],
      ['groups', 'group'],
      ['servicePrincipals', 'servicePrincipal'],
      ['applications', 'application'],
      ['directory/administrativeUnits', 'administrativeUnit'],
    ] as const) {
      const obj = this.collections.get(store)?.get(id);
      if (obj) return { type, obj };
    }
    return undefined;
  }

  get userCount(): number {
    return this.collections.get('users')?.size ?? 0;
  }

  /** Names a tenant by GUID or by any of its domains, as the STS paths do. */
  answersTo(name: string): boolean {
    const n = name.toLowerCase();
    if (n === this.id || n === this.domain) return true;
    return [...(this.collections.get('domains')?.values() ?? [])].some((d) => d.id.toLowerCase() === n);
  }
}
