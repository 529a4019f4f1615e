import type { SimClient, SimUser } from '../orgs/types.ts';
import type { SimOrg } from '../orgs/registry.ts';

/** What the control API shows of an org: where it lives and which signing keys it publishes. */
export function orgView({ org, auth }: SimOrg) {
  return {
    name: org.name,
    url: org.url,
    issuer: org.url,
    discovery: `${org.url}/.well-known/openid-configuration`,
    kids: auth.kids,
  };
}
export type TOrgView = ReturnType<typeof orgView>;

/** A user without its password hash. */
export function userView(user: SimUser) {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}
export type TUserView = ReturnType<typeof userView>;

/** Clients are returned whole, secret included: the caller registered it and must configure the RP. */
export const clientView = (client: SimClient): SimClient => ({ ...client });
