import type { Json } from '../model/types.ts';
import { el } from './expression.ts';
import { link, type TLink } from './links.ts';
import { merge } from './merge.ts';

/** The sign-on modes of the `Application` schema's discriminator. */
export const SIGN_ON_MODES = [
  'AUTO_LOGIN',
  'BASIC_AUTH',
  'BOOKMARK',
  'BROWSER_PLUGIN',
  'OPENID_CONNECT',
  'SAML_1_1',
  'SAML_2_0',
  'SECURE_PASSWORD_STORE',
  'WS_FEDERATION',
] as const;

export interface TAppContext {
  id: string;
  now: string;
  orgId: string;
  /** A new client secret, drawn only for OIDC apps that authenticate with one. */
  secret: () => string;
}

const DEFAULT_NAMES: Record<string, string> = {
  OPENID_CONNECT: 'oidc_client',
  BOOKMARK: 'bookmark',
  AUTO_LOGIN: 'template_swa',
};

/**
 * A new app as Okta returns it after `POST /api/v1/apps`: the posted body over Okta's defaults
 * (accessibility, visibility, notifications, notes, OAuth client metadata …). Examples of the
 * OpenAPI file (`OpenidConnectResponseEx`, `Saml2.0ResponseEx`, `BookmarkAppResponseEx`) are the
 * model.
 */
export function buildApp(body: Json, ctx: TAppContext): Json {
  const mode: string = body.signOnMode;
  const slug = String(body.label ?? 'app')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const name: string = body.name ?? DEFAULT_NAMES[mode] ?? `${slug}_1`;
  const base: Json = {
    id: ctx.id,
    orn: `orn:okta:idp:${ctx.orgId}:apps:${name}:${ctx.id}`,
    name,
    label: body.label,
    status: 'ACTIVE',
    created: ctx.now,
    lastUpdated: ctx.now,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: {
      autoLaunch: false,
      autoSubmitToolbar: false,
      hide: { iOS: false, web: false },
      appLinks: { [`${name}_link`]: true },
    },
    features: [],
    signOnMode: mode,
    credentials: { userNameTemplate: { template: el('source.login'), type: 'BUILT_IN' }, signing: {} },
    settings: {
      app: {},
      notifications: { vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null } },
      manualProvisioning: false,
      implicitAssignment: false,
      notes: { admin: null, enduser: null },
      emOptInStatus: 'DISABLED',
    },
  };
  if (mode === 'OPENID_CONNECT') Object.assign(base, oidcDefaults(body, ctx));
  // Okta assigns `orn` (like `id`): a posted one is ignored.
  const {
    id: _id,
    orn: _orn,
    status: _status,
    created: _c,
    lastUpdated: _l,
    _links: _x,
    _embedded: _y,
    ...posted
  } = body;
  return merge(base, posted);
}

function oidcDefaults(body: Json, ctx: TAppContext): Json {
  const type = body.settings?.oauthClient?.application_type ?? 'web';
  const method =
    body.credentials?.oauthClient?.token_endpoint_auth_method ??
    (type === 'browser' || type === 'native' ? 'none' : 'client_secret_basic');
  const usesSecret =
    method === 'client_secret_basic' || method === 'client_secret_post' || method === 'client_secret_jwt';
  return {
    visibility: {
      autoLaunch: false,
      autoSubmitToolbar: false,
      hide: { iOS: true, web: true },
      appLinks: { oidc_client_link: true },
    },
    credentials: {
      userNameTemplate: { template: el('source.login'), type: 'BUILT_IN' },
      signing: { kid: `sim-${ctx.id}` },
      oauthClient: {
        autoKeyRotation: true,
        client_id: body.credentials?.oauthClient?.client_id ?? ctx.id,
        ...(usesSecret ? { client_secret: body.credentials?.oauthClient?.client_secret ?? ctx.secret() } : {}),
        token_endpoint_auth_method: method,
        pkce_required: method === 'none',
      },
    },
    settings: {
      app: {},
      notifications: { vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null } },
      manualProvisioning: false,
      implicitAssignment: false,
      notes: { admin: null, enduser: null },
      emOptInStatus: 'DISABLED',
      oauthClient: {
        client_uri: null,
        logo_uri: null,
        redirect_uris: [],
        post_logout_redirect_uris: [],
        response_types: ['code'],
        grant_types: type === 'service' ? ['client_credentials'] : ['authorization_code'],
        application_type: type,
        consent_method: 'TRUSTED',
        issuer_mode: 'DYNAMIC',
        idp_initiated_login: { mode: 'DISABLED', default_scope: [] },
        wildcard_redirect: 'DISABLED',
        dpop_bound_access_tokens: false,
      },
    },
  };
}

/** `_links` of an app, including `accessPolicy` (the only place the API names an app's sign-in policy). */
export function appLinks(app: Json, orgUrl: string, accessPolicyId?: string): Record<string, TLink | TLink[]> {
  const self = `${orgUrl}/api/v1/apps/${app.id}`;
  const links: Record<string, TLink | TLink[]> = {
    self: link(self, 'GET', 'PUT', 'DELETE'),
    uploadLogo: link(`${self}/logo`, 'POST'),
    appLinks: [
      {
        name: Object.keys(app.visibility?.appLinks ?? {})[0] ?? 'login',
        href: `${orgUrl}/home/${app.name}/${app.id}/aln${app.id.slice(3)}`,
        type: 'text/html',
      },
    ],
    groups: link(`${self}/groups`),
    users: link(`${self}/users`),
    logo: [{ name: 'medium', href: `${orgUrl}/assets/img/logos/default.png`, type: 'image/png' }],
  };
  if (accessPolicyId) links.accessPolicy = link(`${orgUrl}/api/v1/policies/${accessPolicyId}`);
  links[app.status === 'ACTIVE' ? 'deactivate' : 'activate'] = link(
    `${self}/lifecycle/${app.status === 'ACTIVE' ? 'deactivate' : 'activate'}`,
    'POST',
  );
  return links;
}
