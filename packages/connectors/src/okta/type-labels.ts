/**
 * What people call each object type, one of it ("Group rule"), for every screen and message that
 * names a type. Keys are the catalog's types (catalog.ts); a test checks every catalog type has one.
 * Policy types follow the names of Okta's admin console (OKTA_SIGN_ON is a "Global session policy").
 * No imports: the dashboard's browser bundle reads this file (`@butterfly/connectors/type-labels`).
 */
const POLICIES: Record<string, string> = {
  OKTA_SIGN_ON: 'Global session policy',
  PASSWORD: 'Password policy',
  MFA_ENROLL: 'Authenticator enrollment policy',
  IDP_DISCOVERY: 'Identity provider routing policy',
  ACCESS_POLICY: 'App sign-in policy',
  PROFILE_ENROLLMENT: 'User profile policy',
  ENTITY_RISK: 'Entity risk policy',
  POST_AUTH_SESSION: 'Identity threat protection policy',
  DEVICE_SIGNAL_COLLECTION: 'Device signal collection policy',
  SESSION_VIOLATION_DETECTION: 'Session violation detection policy',
  CLIENT_UPDATE: 'Okta Verify update policy',
  IDENTITY_CLAIM_SOURCING: 'Identity claim sourcing policy',
};

const policyLabels = Object.fromEntries(
  Object.entries(POLICIES).flatMap(([p, label]) => [
    [`policy.${p}`, label],
    [`policy.${p}.rule`, `${label} rule`],
    [`policy.${p}.mapping`, `${label} app mapping`],
  ]),
);

export const OKTA_TYPE_LABELS: Readonly<Record<string, string>> = {
  user: 'User',
  'user.factor': 'User factor enrollment',
  user_type: 'User type',
  user_schema: 'User profile schema',
  group_schema: 'Group profile schema',
  linked_object: 'Linked object definition',
  group: 'Group',
  'group.member': 'Group membership',
  'group.owner': 'Group owner',
  'group.role': 'Admin role assigned to a group',
  'group.role.target_group': 'Group target of a group’s admin role',
  'group.role.target_app': 'App target of a group’s admin role',
  group_rule: 'Group rule',
  app: 'App',
  'app.user': 'App user assignment',
  'app.group': 'App group assignment',
  'app.schema': 'App user schema',
  'app.key': 'App signing key (metadata)',
  'app.secret': 'App client secret (metadata)',
  'app.grant': 'App OAuth scope grant',
  'app.client_role': 'Admin role assigned to a service app',
  profile_mapping: 'Profile mapping',
  ...policyLabels,
  authenticator: 'Authenticator',
  'authenticator.method': 'Authenticator method',
  authorization_server: 'Authorization server',
  'authorization_server.scope': 'Authorization server scope',
  'authorization_server.claim': 'Authorization server claim',
  'authorization_server.policy': 'Authorization server access policy',
  'authorization_server.policy.rule': 'Authorization server access rule',
  network_zone: 'Network zone',
  idp: 'Identity provider',
  idp_key: 'Identity provider key',
  trusted_origin: 'Trusted origin',
  behavior: 'Behavior detection rule',
  device_assurance: 'Device assurance policy',
  captcha: 'CAPTCHA',
  threat_insight: 'ThreatInsight settings',
  event_hook: 'Event hook',
  inline_hook: 'Inline hook',
  log_stream: 'Log stream',
  brand: 'Brand',
  'brand.theme': 'Brand theme',
  'brand.sign_in_page': 'Customized sign-in page',
  'brand.error_page': 'Customized error page',
  'brand.sign_out_page': 'Customized sign-out page',
  'brand.email_template': 'Email template',
  'brand.email_template.customization': 'Email template customization',
  'brand.email_template.settings': 'Email template settings',
  sms_template: 'SMS template',
  custom_domain: 'Custom domain',
  email_domain: 'Email domain',
  admin_role: 'Custom admin role',
  'admin_role.permission': 'Custom admin role permission',
  resource_set: 'Resource set',
  'resource_set.resource': 'Resource set resource',
  'resource_set.binding': 'Resource set role binding',
  'resource_set.binding.member': 'Resource set binding member',
  admin_assignee: 'User holding admin roles',
  'admin_assignee.role': 'Admin role assigned to a user',
  'admin_assignee.role.target_group': 'Group target of a user’s admin role',
  'admin_assignee.role.target_app': 'App target of a user’s admin role',
  api_token: 'API token (metadata)',
  'org_setting.admin_console': 'Admin Console session settings',
  org: 'Org settings',
  'org_setting.user_lockout': 'User lockout settings',
  'org.preferences': 'Org preferences',
  'org.contact': 'Org contact',
};

/**
 * "Group rule" for `group_rule`. A type no table knows (a newer catalog, another provider) still
 * reads as words: separators become spaces, the first letter is capitalised.
 */
export function objectTypeLabel(type: string): string {
  const known = OKTA_TYPE_LABELS[type];
  if (known) return known;
  const words = type
    .replace(/^okta\./, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._:]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : type;
}
