/**
 * Admin Console pages → Okta objects, as data. Paths are Okta's own (the same ones Okta's help and
 * tools such as Salto's Okta adapter link to), relative to the console's base: `https://acme-admin.
 * okta.com` for a real org, `http://127.0.0.1:PORT/acme` for okta-sim's. Each rule says where the
 * object's id is (a path segment, the fragment, or, where the URL names no object, the page: the
 * selected item's name, looked up in a list the console itself reads), how the console reads the
 * object (`read`, same-origin `/api/v1`) and its catalog type (the connector's type keys, so
 * Butterfly finds it in its backups).
 */
export type ObjectKind = 'user' | 'group' | 'app' | 'policy' | 'network_zone' | 'authorization_server' | 'hook' | 'idp';

export interface PageRule {
  /** For people and tests: which console page this is. */
  name: string;
  kind: ObjectKind;
  /** The console path (query and fragment excluded). */
  path: RegExp;
  /** Where the id is: a capture group of the path or of the fragment (without `#`). */
  id?: { from: 'path' | 'hash'; pattern?: RegExp; group: number };
  /** The page names no object in its URL: read the selected one's name, find it in `list` by `nameField`. */
  page?: { list: string; nameField: string; selectors: string[] };
  /** Read one object, `{id}` filled in. */
  read: string;
  /** The catalog type, or the body field whose value completes it (`policy.` + the policy's `type`). */
  type: string | { prefix: string; field: string };
}

const ID = '[0-9A-Za-z]{6,40}';
const policyType = { prefix: 'policy.', field: 'type' };
/** Where the console shows the selected policy's name beside its list (its `data-se` hooks first). */
const SELECTED_POLICY = ['[data-se="policy-name"]', '[data-se="policy-detail"] h2', '[aria-current="true"]'];
/** The heading of an open edit dialog (zones and event hooks are edited in one, with no URL of their own). */
const OPEN_DIALOG = ['[role="dialog"] [data-se="o-form-head"]', '[role="dialog"] h2', '[role="dialog"] h1'];

export const PAGE_RULES: readonly PageRule[] = [
  {
    name: 'person',
    kind: 'user',
    path: new RegExp(`^/admin/user/profile/view/(00u${ID})/?$`),
    id: { from: 'path', group: 1 },
    read: '/api/v1/users/{id}',
    type: 'user',
  },
  {
    name: 'group',
    kind: 'group',
    path: new RegExp(`^/admin/group/(00g${ID})/?$`),
    id: { from: 'path', group: 1 },
    read: '/api/v1/groups/{id}',
    type: 'group',
  },
  {
    name: 'application',
    kind: 'app',
    path: new RegExp(`^/admin/app/[\\w-]+/instance/(0oa${ID})/?$`),
    id: { from: 'path', group: 1 },
    read: '/api/v1/apps/{id}',
    type: 'app',
  },
  {
    name: 'authentication policy (Identity Engine app sign-in policy)',
    kind: 'policy',
    path: /^\/admin\/authn\/authentication-policies\/?$/,
    id: { from: 'hash', pattern: new RegExp(`^authentication-policies/policy/(rst${ID})`), group: 1 },
    read: '/api/v1/policies/{id}',
    type: policyType,
  },
  {
    name: 'global session (Okta sign-on) policies',
    kind: 'policy',
    path: /^\/admin\/access\/policies\/?$/,
    page: { list: '/api/v1/policies?type=OKTA_SIGN_ON', nameField: 'name', selectors: SELECTED_POLICY },
    read: '/api/v1/policies/{id}',
    type: policyType,
  },
  {
    name: 'password policies',
    kind: 'policy',
    path: /^\/admin\/access\/authenticators\/password\/?$/,
    page: { list: '/api/v1/policies?type=PASSWORD', nameField: 'name', selectors: SELECTED_POLICY },
    read: '/api/v1/policies/{id}',
    type: policyType,
  },
  {
    name: 'multifactor enrollment policies',
    kind: 'policy',
    path: /^\/admin\/access\/multifactor\/?$/,
    page: { list: '/api/v1/policies?type=MFA_ENROLL', nameField: 'name', selectors: SELECTED_POLICY },
    read: '/api/v1/policies/{id}',
    type: policyType,
  },
  {
    name: 'network zones',
    kind: 'network_zone',
    path: /^\/admin\/access\/networks\/?$/,
    page: { list: '/api/v1/zones', nameField: 'name', selectors: OPEN_DIALOG },
    read: '/api/v1/zones/{id}',
    type: 'network_zone',
  },
  {
    name: 'authorization server',
    kind: 'authorization_server',
    path: new RegExp(`^/admin/oauth2/as/(aus${ID}|default)/?$`),
    id: { from: 'path', group: 1 },
    read: '/api/v1/authorizationServers/{id}',
    type: 'authorization_server',
  },
  {
    name: 'inline hook',
    kind: 'hook',
    path: /^\/admin\/workflow\/inlinehooks\/?$/,
    id: { from: 'hash', pattern: new RegExp(`^view/(cal${ID})`), group: 1 },
    read: '/api/v1/inlineHooks/{id}',
    type: 'inline_hook',
  },
  {
    name: 'event hooks',
    kind: 'hook',
    path: /^\/admin\/workflow\/eventhooks\/?$/,
    page: { list: '/api/v1/eventHooks', nameField: 'name', selectors: OPEN_DIALOG },
    read: '/api/v1/eventHooks/{id}',
    type: 'event_hook',
  },
  {
    name: 'identity provider',
    kind: 'idp',
    path: new RegExp(`^/admin/access/identity-providers/edit/(0oa${ID})/?$`),
    id: { from: 'path', group: 1 },
    read: '/api/v1/idps/{id}',
    type: 'idp',
  },
];
