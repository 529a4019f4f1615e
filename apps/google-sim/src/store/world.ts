import type { TConsumer, TCustomer, TOAuthClient, TServiceAccount, TUser } from '../model/types.ts';

/** Knobs a test turns through the control API. */
export interface TSettings {
  /** Directory API queries per minute per service account and subject (Google's default 2,400). */
  directoryQueriesPerMinute: number;
  /** Cloud Identity Policy API reads per minute per caller. */
  policyReadsPerMinute: number;
  /** A `policies.list` page asked for sooner than this after the caller's previous one is a 429. */
  policyPageIntervalMs: number;
  /** Every policies page after the first is first answered empty, with a nextPageToken to the same place. */
  emptyPolicyPages: boolean;
  /** `https`: iss is the simulator's URL (as https://accounts.google.com); `legacy`: the same without the scheme. */
  issuerForm: 'https' | 'legacy';
  /** `Cache-Control: max-age` of `/oauth2/v3/certs`, seconds. */
  certsMaxAgeSeconds: number;
  /**
   * Setting types the v1beta1 create/patch/delete accept (Google's "Mutate supported" subset; the
   * default is the simulator's assumption, not Google's list).
   */
  mutablePolicyTypes: string[];
}

export const DEFAULT_SETTINGS: TSettings = {
  directoryQueriesPerMinute: 2400,
  policyReadsPerMinute: 300,
  policyPageIntervalMs: 1000,
  emptyPolicyPages: false,
  issuerForm: 'https',
  certsMaxAgeSeconds: 21_600,
  mutablePolicyTypes: [
    'settings/security.password',
    'settings/security.session_controls',
    'settings/security.two_step_verification_enrollment',
    'settings/security.two_step_verification_enforcement',
    'settings/security.two_step_verification_enforcement_factor',
    'settings/security.two_step_verification_grace_period',
    'settings/security.two_step_verification_device_trust',
    'settings/security.less_secure_apps',
    'settings/security.super_admin_account_recovery',
    'settings/security.user_account_recovery',
    'settings/gmail.mail_delegation',
  ],
};

export type TFaultApi = 'directory' | 'policy' | 'token';

/** An injected failure: the next `remaining` calls of `api` answer it. */
export interface TFault {
  api: TFaultApi;
  status: number;
  reason: string;
  message: string;
  remaining: number;
}

/** Everything the simulator knows that a state file keeps. */
export class World {
  readonly customers = new Map<string, TCustomer>();
  readonly serviceAccounts = new Map<string, TServiceAccount>();
  readonly oauthClients = new Map<string, TOAuthClient>();
  readonly consumers: TConsumer[] = [];
  settings: TSettings = { ...DEFAULT_SETTINGS };

  customer(idOrDomain: string): TCustomer | undefined {
    const direct = this.customers.get(idOrDomain);
    if (direct) return direct;
    const domain = idOrDomain.toLowerCase();
    for (const c of this.customers.values())
      if (c.domains.some((d) => d.domainName === domain) || c.domainAliases.some((a) => a.domainAliasName === domain))
        return c;
    return undefined;
  }

  /** The Workspace user with this primary email or alias (any customer), or undefined. */
  userByEmail(email: string): TUser | undefined {
    const c = this.customer(email.split('@')[1] ?? '');
    return c ? findUser(c, email) : undefined;
  }

  serviceAccountByEmail(email: string): TServiceAccount | undefined {
    for (const sa of this.serviceAccounts.values()) if (sa.email === email) return sa;
    return undefined;
  }
}

/** A user of `c` by id, primary email or alias. */
export function findUser(c: TCustomer, key: string): TUser | undefined {
  const byId = c.users.get(key);
  if (byId) return byId;
  const k = key.toLowerCase();
  for (const u of c.users.values()) if (u.primaryEmail === k || u.aliases?.includes(k)) return u;
  return undefined;
}

/** A group of `c` by id or email. */
export function findGroup(c: TCustomer, key: string) {
  const byId = c.groups.get(key);
  if (byId) return byId;
  const k = key.toLowerCase();
  for (const g of c.groups.values()) if (g.email === k || (g.aliases as string[] | undefined)?.includes(k)) return g;
  return undefined;
}

export function emptyCustomer(id: string, domain: string, record: Record<string, unknown>): TCustomer {
  return {
    id,
    customerDomain: domain,
    record,
    domains: [],
    domainAliases: [],
    users: new Map(),
    groups: new Map(),
    members: new Map(),
    groupSettings: new Map(),
    orgUnits: new Map(),
    roles: new Map(),
    roleAssignments: new Map(),
    policies: new Map(),
    samlProfiles: new Map(),
    ssoAssignments: new Map(),
    delegations: {},
    groupsReaders: [],
    activities: [],
  };
}
