import type { SimLogger } from '../log.ts';
import { OrgAuthServer } from '../oidc/auth-server.ts';
import { KeyRing } from '../oidc/keys.ts';
import { loadOrg, type TOrgState } from '../persist/org-state.ts';
import { buildDefaults } from '../seed/defaults/index.ts';
import { conflict, invalid, notFound } from '../model/errors.ts';
import type { IdSource } from '../model/ids.ts';
import type { SimOrg } from '../oidc/sim-org.ts';
import { Org, type TOrgOptions } from '../orgs/org.ts';

export type { SimOrg } from '../oidc/sim-org.ts';

/** Org names are the first path segment of every org URL, so they must be plain and not `_sim`. */
const ORG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export class OrgRegistry {
  private readonly orgs = new Map<string, SimOrg>();

  constructor(
    readonly baseUrl: string,
    private readonly ids: IdSource,
    private readonly log: SimLogger,
    private readonly options: TOrgOptions,
  ) {}

  /**
   * Creates an org with the defaults of a new Okta org. `createdAt` stamps those objects; seeded
   * orgs pass a fixed time so the same seed yields the same JSON.
   */
  async create(name: string, createdAt?: number, company?: string): Promise<SimOrg> {
    if (!ORG_NAME.test(name)) throw invalid('org name must be lower-case letters, digits and dashes');
    if (this.orgs.has(name)) throw conflict(`org ${name}`);
    const org = new Org(name, `${this.baseUrl}/${name}`, this.ids, this.options);
    buildDefaults(org, createdAt ?? this.options.clock(), company);
    const auth = await OrgAuthServer.create(org, this.log);
    // Key generation awaited: a concurrent request may have created the same org meanwhile.
    if (this.orgs.has(name)) throw conflict(`org ${name}`);
    const created = { org, auth };
    this.orgs.set(name, created);
    return created;
  }

  /** An org from a saved state (persist/), as it was: no defaults built, no ids drawn. */
  async restore(state: TOrgState): Promise<SimOrg> {
    if (this.orgs.has(state.name)) throw conflict(`org ${state.name}`);
    const org = new Org(state.name, `${this.baseUrl}/${state.name}`, this.ids, this.options);
    loadOrg(org, state);
    const restored = { org, auth: await OrgAuthServer.create(org, this.log, KeyRing.from(state.keys)) };
    this.orgs.set(state.name, restored);
    return restored;
  }

  find(name: string): SimOrg | undefined {
    return this.orgs.get(name);
  }

  get(name: string): SimOrg {
    const found = this.orgs.get(name);
    if (!found) throw notFound(`org ${name}`);
    return found;
  }

  list(): SimOrg[] {
    return [...this.orgs.values()];
  }

  reset(): void {
    this.orgs.clear();
  }
}
