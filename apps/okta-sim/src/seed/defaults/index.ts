import type { Org } from '../../orgs/org.ts';
import { newBuild } from '../build.ts';
import { buildApiAccess, buildFirstPartyApps } from './apps.ts';
import { buildDefaultAuthServer } from './auth-server.ts';
import { buildBranding } from './branding.ts';
import { buildDirectory } from './directory.ts';
import { buildDefaultPolicies } from './policies.ts';
import { buildAuthenticators, buildBehaviors, buildSecuritySettings, buildZones } from './security.ts';

/**
 * What every org has from the start, like a new Okta Identity Engine org: the org settings, the
 * default user type and schemas, Everyone, authenticators, system zones, a policy of every type,
 * the Okta apps, the `default` authorization server, the default brand, and API access. No users:
 * the control API and the seeded demo add them.
 */
export function buildDefaults(org: Org, ms: number, company = org.name): void {
  const b = newBuild(org, ms);
  const { orgId, userType, everyone } = buildDirectory(b, company);
  buildAuthenticators(b);
  buildZones(b);
  buildBehaviors(b);
  buildSecuritySettings(b);
  const policies = buildDefaultPolicies(b, everyone);
  org.refs = { orgId, userType, everyone, defaultAccessPolicy: policies.defaultAccess };
  buildFirstPartyApps(b, policies);
  buildApiAccess(b, policies);
  buildDefaultAuthServer(b);
  buildBranding(b);
}
