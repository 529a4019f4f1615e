import type { TDeps } from '../deps.ts';

/** A Google account as sign-in sees it: a Workspace user (with `hd`) or a consumer account (without). */
export interface TAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  givenName: string;
  familyName: string;
  /** The customer's primary domain; absent for a consumer account. */
  hd?: string;
  customerId?: string;
  suspended: boolean;
}

/** Every account that may appear in the chooser: all customers' users, then the consumer accounts. */
export function allAccounts(deps: TDeps): TAccount[] {
  const out: TAccount[] = [];
  for (const c of deps.world.customers.values())
    for (const u of c.users.values())
      out.push({
        sub: u.id,
        email: u.primaryEmail,
        emailVerified: true,
        givenName: u.name.givenName,
        familyName: u.name.familyName,
        hd: c.customerDomain,
        customerId: c.id,
        suspended: u.suspended || u.archived,
      });
  for (const a of deps.world.consumers)
    out.push({
      sub: a.sub,
      email: a.email,
      emailVerified: a.emailVerified,
      givenName: a.givenName,
      familyName: a.familyName,
      suspended: false,
    });
  return out;
}

export function accountBySub(deps: TDeps, sub: string, customerId?: string): TAccount | undefined {
  return allAccounts(deps).find((a) => a.sub === sub && a.customerId === customerId);
}

/** The issuer the ID tokens carry now (control setting `issuerForm`). */
export function issuerOf(deps: TDeps): string {
  return deps.world.settings.issuerForm === 'legacy' ? deps.baseUrl.replace(/^https?:\/\//, '') : deps.baseUrl;
}
