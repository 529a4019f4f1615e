import { readStateJson } from '@butterfly/sim-kit';
import type { JWK } from 'jose';
import type { TConsumer, TCustomer, TObj, TOAuthClient, TServiceAccount, TUser } from '../model/types.ts';
import type { OidcKeys } from '../oidc/keys.ts';
import { DEFAULT_SETTINGS, type TSettings, World } from '../store/world.ts';

type TCustomerState = Omit<
  TCustomer,
  | 'users'
  | 'groups'
  | 'members'
  | 'groupSettings'
  | 'orgUnits'
  | 'roles'
  | 'roleAssignments'
  | 'policies'
  | 'samlProfiles'
  | 'ssoAssignments'
> & {
  users: TUser[];
  groups: TObj[];
  members: [string, TObj[]][];
  groupSettings: [string, TObj][];
  orgUnits: TObj[];
  roles: TObj[];
  roleAssignments: TObj[];
  policies: TObj[];
  samlProfiles: TObj[];
  ssoAssignments: TObj[];
};

/**
 * What `--state` keeps: the ID-token keys, every customer (directory, settings, policies, SSO,
 * delegations, audit log), service accounts, OAuth clients, consumer accounts and the control
 * settings. Not kept: access tokens, codes, quota windows, faults, watch channels.
 */
export interface TSimState {
  version: 1;
  demo: boolean;
  keys: { signer: JWK; next: JWK };
  settings: TSettings;
  customers: TCustomerState[];
  serviceAccounts: TServiceAccount[];
  oauthClients: TOAuthClient[];
  consumers: TConsumer[];
}

const ID_FIELD = {
  users: 'id',
  groups: 'id',
  orgUnits: 'orgUnitId',
  roles: 'roleId',
  roleAssignments: 'roleAssignmentId',
  policies: 'name',
  samlProfiles: 'name',
  ssoAssignments: 'name',
} as const;

export async function snapshot(world: World, keys: OidcKeys, demo: boolean): Promise<TSimState> {
  return {
    version: 1,
    demo,
    keys: await keys.exportState(),
    settings: world.settings,
    customers: [...world.customers.values()].map((c) => ({
      ...c,
      users: [...c.users.values()],
      groups: [...c.groups.values()],
      members: [...c.members].map(([g, m]) => [g, [...m.values()]]),
      groupSettings: [...c.groupSettings],
      orgUnits: [...c.orgUnits.values()],
      roles: [...c.roles.values()],
      roleAssignments: [...c.roleAssignments.values()],
      policies: [...c.policies.values()],
      samlProfiles: [...c.samlProfiles.values()],
      ssoAssignments: [...c.ssoAssignments.values()],
    })),
    serviceAccounts: [...world.serviceAccounts.values()],
    oauthClients: [...world.oauthClients.values()],
    consumers: world.consumers,
  };
}

export function restoreWorld(state: TSimState): World {
  const world = new World();
  world.settings = { ...DEFAULT_SETTINGS, ...state.settings };
  for (const s of state.customers) {
    const keyed = <K extends keyof typeof ID_FIELD>(k: K) =>
      new Map(s[k].map((o) => [String((o as TObj)[ID_FIELD[k]]), o]));
    world.customers.set(s.id, {
      ...s,
      users: keyed('users') as Map<string, TUser>,
      groups: keyed('groups'),
      members: new Map(s.members.map(([g, m]) => [g, new Map(m.map((x) => [String(x.id), x]))])),
      groupSettings: new Map(s.groupSettings),
      orgUnits: keyed('orgUnits'),
      roles: keyed('roles'),
      roleAssignments: keyed('roleAssignments'),
      policies: keyed('policies'),
      samlProfiles: keyed('samlProfiles'),
      ssoAssignments: keyed('ssoAssignments'),
    });
  }
  for (const sa of state.serviceAccounts) world.serviceAccounts.set(sa.clientId, sa);
  for (const c of state.oauthClients) world.oauthClients.set(c.clientId, c);
  world.consumers.push(...state.consumers);
  return world;
}

/**
 * The saved state at `path`, or undefined when there is none yet. A file that is not a state of
 * this version is an error, never silently replaced by a fresh seed.
 */
export function readStateFile(path: string): TSimState | undefined {
  return readStateJson<TSimState>(path, 'google-sim', (s) => s.version === 1 && Array.isArray(s.customers) && !!s.keys);
}
