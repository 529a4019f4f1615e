import { iso } from '../okta/time.ts';
import type { SimOrg } from '../registry/registry.ts';
import type { SimClient, SimUser } from '../model/types.ts';

/**
 * What the control API shows of an org: where it lives, which signing keys it publishes, and the
 * credentials a script or test needs to call its Management API (the SSWS token, and the service
 * app whose private key is at `/_sim/orgs/<org>/service-app-key`).
 */
export function orgView({ org, auth }: SimOrg) {
  return {
    name: org.name,
    url: org.url,
    issuer: org.url,
    discovery: `${org.url}/.well-known/openid-configuration`,
    kids: auth.kids,
    apiToken: org.admin.token,
    serviceApp: { clientId: org.service.clientId, kid: org.service.key.kid, tokenUrl: `${org.url}/oauth2/v1/token` },
  };
}
export type TOrgView = ReturnType<typeof orgView>;

/** A user without its password hash; `status` in the control API's words, `oktaStatus` in Okta's. */
export function userView(user: SimUser) {
  const status =
    user.status === 'ACTIVE' ? 'active' : user.status === 'DEPROVISIONED' ? 'deactivated' : user.status.toLowerCase();
  return {
    id: user.id,
    status,
    oktaStatus: user.status,
    created: iso(user.created),
    lastUpdated: iso(user.lastUpdated),
    profile: { ...user.profile },
  };
}
export type TUserView = ReturnType<typeof userView>;

/** Clients are returned whole, secret included: the caller registered it and must configure the RP. */
export const clientView = (client: SimClient): SimClient => ({ ...client });
