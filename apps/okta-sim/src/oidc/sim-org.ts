import type { Org } from '../orgs/org.ts';
import type { OrgAuthServer } from './auth-server.ts';

/** An org and the authorization server that faces it (the Management API reads the org directly). */
export interface SimOrg {
  org: Org;
  auth: OrgAuthServer;
}
