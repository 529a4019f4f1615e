import type { IdpRestoreInfo } from '@butterfly/domain/idp';

/**
 * How one Okta object type is written back (restore). Most types follow Okta's conventions, which
 * `specOf` derives from the catalog: create = POST on the list path, update = PUT on the item path,
 * delete = DELETE on it, `lifecycle/activate|deactivate` below it. Entries here say only where a type
 * departs from them, checked against shared/okta/management-openapi.yaml.
 */
export interface WriteSpec {
  /** false: cannot be created through the API. `put`: PUT on the item path creates it (relation rows). */
  create?:
    | false
    | {
        method?: 'POST' | 'PUT' | 'PATCH';
        path?: string;
        fields?: string[];
        activateParam?: boolean;
        inactiveFirst?: boolean;
        onItem?: boolean;
      };
  update?: false | { method?: 'PUT' | 'POST'; fields?: string[]; onlyWhileInactive?: boolean };
  delete?: false | { deactivateFirst?: boolean; twice?: boolean };
  lifecycle?: boolean;
  /** Fields Okta owns: never sent. */
  strip?: string[];
  volatile?: string[];
  naturalKey?: string;
  /** Find by natural key with a query instead of paging the whole list. */
  find?: (value: string) => { url: string; template: string };
  restore?: Partial<IdpRestoreInfo>;
  reason?: string;
}

const lifecycle = { lifecycle: true, create: { activateParam: true } } satisfies WriteSpec;
const named = (naturalKey = 'name') => ({ naturalKey });
const system = { restore: { systemWhen: [{ path: 'system', equals: true }] } } satisfies WriteSpec;
/** A row that only links two objects: PUT on its item path with no body (`fields: []`) makes it. */
const relation = (create: 'PUT' | 'POST' = 'PUT') => ({
  create: { method: create, fields: [] },
  update: false as const,
});
const settingsOnly = (method: 'PUT' | 'POST' = 'PUT', fields?: string[]) => ({
  create: false as const,
  delete: false as const,
  update: { method, fields },
});
const notRestorable = (reason: string): WriteSpec => ({ create: false, update: false, delete: false, reason });

const policy: WriteSpec = { ...lifecycle, ...named(), ...system };

export const WRITE_SPECS: Record<string, WriteSpec> = {
  user: {
    create: { fields: ['profile', 'type'], activateParam: true },
    update: { method: 'POST', fields: ['profile'] },
    delete: { twice: true },
    lifecycle: true,
    naturalKey: 'profile.login',
    find: (login) => ({ url: `/api/v1/users/${encodeURIComponent(login)}`, template: '/api/v1/users/{id}' }),
    volatile: [
      'lastLogin',
      'passwordChanged',
      'statusChanged',
      'activated',
      'transitioningToStatus',
      'credentials.provider',
    ],
    restore: {
      recreateNote:
        'Comes back without its password, recovery question or factors: the user must activate and enroll again',
      // Okta: activating a user without a password leaves it PROVISIONED until they finish the welcome
      // flow; and a DEPROVISIONED user's profile updates are ignored (management-openapi.yaml, deactivateUser).
      statusReached: { ACTIVE: ['PROVISIONED'] },
      activateFirst: true,
    },
  },
  'user.factor': notRestorable('Factor enrollments cannot be restored: users enroll again'),
  user_type: { ...named(), restore: { systemWhen: [{ path: 'default', equals: true }] } },
  user_schema: settingsOnly('POST', ['definitions.custom']),
  group_schema: settingsOnly('POST', ['definitions.custom']),
  linked_object: { create: {}, update: false, naturalKey: 'primary.name' },
  group: {
    create: { fields: ['profile'] },
    update: { fields: ['profile'] },
    naturalKey: 'profile.name',
    find: (name) => ({
      url: `/api/v1/groups?search=${encodeURIComponent(`profile.name eq "${name.replace(/"/g, '\\"')}"`)}`,
      template: '/api/v1/groups',
    }),
    volatile: ['lastMembershipUpdated'],
    restore: {
      systemWhen: [
        { path: 'type', equals: 'BUILT_IN' },
        { path: 'type', equals: 'APP_GROUP' },
      ],
    },
  },
  'group.member': { ...relation('PUT'), restore: { membershipOf: true } },
  'group.owner': { create: { fields: ['id', 'type'] }, update: false, volatile: ['displayName', 'resolved'] },
  'group.role': { create: { fields: ['type', 'role', 'resource-set'] }, update: false, volatile: ['status'] },
  'group.role.target_group': relation('PUT'),
  'group.role.target_app': relation('PUT'),
  group_rule: {
    create: { inactiveFirst: true },
    update: { onlyWhileInactive: true },
    delete: { deactivateFirst: true },
    lifecycle: true,
    ...named(),
    restore: { provisions: { groupsAt: 'actions.assignUserToGroups.groupIds[]' } },
  },
  app: {
    ...lifecycle,
    delete: { deactivateFirst: true },
    naturalKey: 'label',
    // Okta assigns an app's `orn` (it holds the app's id): never sent, and a re-created app's differs.
    strip: ['_embedded', 'orn'],
    volatile: ['orn'],
  },
  'app.user': {
    create: { fields: ['id', 'scope', 'credentials', 'profile'] },
    update: { method: 'POST', fields: ['credentials', 'profile'] },
    volatile: ['statusChanged', 'passwordChanged', 'syncState', 'lastSync', 'status', '_embedded'],
    restore: {
      provisions: { perObject: 1 },
      derivedWhen: [{ path: 'scope', equals: 'GROUP', from: 'group assignment' }],
    },
  },
  'app.group': {
    create: { method: 'PUT', fields: ['priority', 'profile'] },
    update: { fields: ['priority', 'profile'] },
    restore: { provisions: { groupsAt: 'id' } },
  },
  'app.schema': settingsOnly('POST', ['definitions.custom']),
  // Inventories (metadata only): never restore steps, a plan-level note instead.
  'app.key': {
    ...notRestorable('Signing keys are generated by Okta: generate or upload a new one'),
    restore: { inventoryOnly: true },
  },
  'app.secret': {
    ...notRestorable(
      'Only the metadata of a client secret is backed up: generate a new secret, or re-enter the old one with its app',
    ),
    restore: { inventoryOnly: true },
  },
  // POST /apps/{appId}/grants (okta.appGrants.manage); a grant cannot be changed, only revoked and made again.
  'app.grant': {
    create: { fields: ['scopeId', 'issuer'] },
    update: false,
    naturalKey: 'scopeId',
    volatile: ['createdBy', 'clientId', '_embedded'],
  },
  'app.client_role': { create: { fields: ['type', 'role', 'resource-set'] }, update: false },
  profile_mapping: {
    create: false,
    delete: false,
    update: { method: 'POST', fields: ['properties'] },
    reason: 'Okta makes profile mappings with their apps and identity providers',
  },
  authenticator: { lifecycle: true, delete: false, naturalKey: 'key' },
  'authenticator.method': { create: false, delete: false, lifecycle: true },
  authorization_server: {
    ...lifecycle,
    ...named(),
    volatile: ['credentials.signing.lastRotated', 'credentials.signing.nextRotation', 'credentials.signing.kid'],
  },
  'authorization_server.scope': { ...named(), ...system },
  'authorization_server.claim': { ...named(), ...system },
  'authorization_server.policy': { ...lifecycle, ...named(), ...system },
  'authorization_server.policy.rule': { ...lifecycle, ...named(), ...system },
  network_zone: { ...lifecycle, ...named(), ...system },
  idp: { ...lifecycle, ...named() },
  idp_key: { create: { fields: ['x5c'] }, update: false, naturalKey: 'x5t#S256' },
  trusted_origin: { ...lifecycle, ...named() },
  behavior: { ...lifecycle, ...named() },
  device_assurance: named(),
  captcha: named(),
  threat_insight: settingsOnly('POST'),
  event_hook: { ...lifecycle, ...named(), restore: { verify: true } },
  inline_hook: { ...lifecycle, ...named(), restore: { verify: true } },
  log_stream: { ...lifecycle, ...named() },
  brand: { ...named(), restore: { systemWhen: [{ path: 'isDefault', equals: true }] } },
  'brand.theme': settingsOnly('PUT'),
  'brand.sign_in_page': { create: { method: 'PUT' }, update: {} },
  'brand.error_page': { create: { method: 'PUT' }, update: {} },
  'brand.sign_out_page': { create: { method: 'PUT' }, update: {}, delete: false },
  'brand.email_template': notRestorable('Email templates are a fixed set: their customizations are restored'),
  'brand.email_template.customization': { naturalKey: 'language' },
  'brand.email_template.settings': settingsOnly('PUT'),
  sms_template: named(),
  custom_domain: { naturalKey: 'domain', restore: { verify: true } },
  email_domain: { naturalKey: 'domain', restore: { verify: true } },
  admin_role: { naturalKey: 'label' },
  // POST /iam/roles/{role}/permissions/{permissionType}: created on its own item path.
  'admin_role.permission': { create: { method: 'POST', onItem: true } },
  resource_set: { naturalKey: 'label' },
  'resource_set.resource': { create: { fields: ['resourceOrnOrUrl'] }, update: false },
  'resource_set.binding': { create: { fields: ['role', 'members'] }, update: false },
  'resource_set.binding.member': notRestorable('Restored with their binding'),
  admin_assignee: notRestorable('Restored through their admin role assignments'),
  'admin_assignee.role': { create: { fields: ['type', 'role', 'resource-set'] }, update: false, volatile: ['status'] },
  'admin_assignee.role.target_group': relation('PUT'),
  'admin_assignee.role.target_app': relation('PUT'),
  api_token: { create: false, update: false, delete: {}, reason: 'A token value cannot be restored: mint a new one' },
  'org_setting.admin_console': settingsOnly('PUT'),
  'org_setting.user_lockout': settingsOnly('PUT'),
  org: settingsOnly('POST', [
    'companyName',
    'website',
    'phoneNumber',
    'address1',
    'address2',
    'city',
    'state',
    'postalCode',
    'country',
    'supportPhoneNumber',
    'endUserSupportHelpURL',
  ]),
  'org.preferences': notRestorable('Set in the admin console (the end-user footer toggle)'),
  'org.contact': settingsOnly('PUT', ['userId']),
};

/** Policy types share one shape: policies with lifecycle, rules below them, app mappings. */
export function policySpec(type: string): WriteSpec | undefined {
  if (/^policy\.[A-Z_]+$/.test(type)) return policy;
  if (/^policy\.[A-Z_]+\.rule$/.test(type)) return policy;
  // Its `self` and `policy` links only repeat its key and its parent's: navigation, not data.
  if (/^policy\.[A-Z_]+\.mapping$/.test(type))
    return {
      create: { method: 'PUT', path: '/api/v1/apps/{appId}/policies/{policyId}' },
      update: false,
      delete: false,
      volatile: ['_links.self', '_links.policy'],
      reason: 'Map the app to another policy instead',
    };
  return undefined;
}
