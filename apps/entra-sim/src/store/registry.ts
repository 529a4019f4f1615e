import type { TTenantSettings } from '../model/types.ts';
import { Tenant } from './tenant.ts';

/** Every tenant of the simulator, found by GUID or domain. */
export class TenantRegistry {
  private readonly tenants = new Map<string, Tenant>();

  constructor(readonly defaults: TTenantSettings) {}

  create(id: string, domain: string, displayName: string): Tenant {
    if (this.tenants.has(id)) throw new Error(`tenant ${id} exists`);
    const t = new Tenant(id, domain.toLowerCase(), displayName, { ...this.defaults });
    this.tenants.set(id, t);
    return t;
  }

  find(name: string): Tenant | undefined {
    const byId = this.tenants.get(name.toLowerCase());
    if (byId) return byId;
    for (const t of this.tenants.values()) if (t.answersTo(name)) return t;
    return undefined;
  }

  list(): Tenant[] {
    return [...this.tenants.values()];
  }

  /** The tenant that registered a client id (a multi-tenant sign-in through `common`). */
  byClient(clientId: string): Tenant | undefined {
    return this.list().find((t) => t.apps.has(clientId));
  }
}
