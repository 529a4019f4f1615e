import { appAssignmentRoutes } from './resources/app-assignments.ts';
import { appCredentialRoutes } from './resources/app-credentials.ts';
import { appRoutes } from './resources/apps.ts';
import { authServerRoutes } from './resources/auth-servers.ts';
import { brandingRoutes } from './resources/branding.ts';
import { directoryMetaRoutes } from './resources/directory-meta.ts';
import { groupMemberRoutes } from './resources/group-members.ts';
import { groupRuleRoutes } from './resources/group-rules.ts';
import { groupRoutes } from './resources/groups.ts';
import { hookRoutes } from './resources/hooks.ts';
import { iamRoutes } from './resources/iam.ts';
import { resourceSetRoutes } from './resources/resource-sets.ts';
import { idpKeyRoutes } from './resources/idp-keys.ts';
import { orgExtraRoutes } from './resources/org-extras.ts';
import { orgSettingRoutes } from './resources/org-settings.ts';
import { policyRuleRoutes } from './resources/policy-rules.ts';
import { policyRoutes } from './resources/policies.ts';
import { roleAssignmentRoutes } from './resources/roles.ts';
import { securityRoutes } from './resources/security.ts';
import { userLifecycleRoutes } from './resources/user-lifecycle.ts';
import { userRoutes } from './resources/users.ts';
import type { Route } from './router.ts';
import { logRoutes } from './syslog/routes.ts';

/** Every Management API operation the simulator serves (README has the table by object type). */
export const MANAGEMENT_ROUTES: Route[] = [
  ...userRoutes,
  ...userLifecycleRoutes,
  ...groupRoutes,
  ...groupMemberRoutes,
  ...groupRuleRoutes,
  ...appRoutes,
  ...appAssignmentRoutes,
  ...appCredentialRoutes,
  ...policyRoutes,
  ...policyRuleRoutes,
  ...securityRoutes,
  ...idpKeyRoutes,
  ...authServerRoutes,
  ...hookRoutes,
  ...brandingRoutes,
  ...directoryMetaRoutes,
  ...iamRoutes,
  ...resourceSetRoutes,
  ...roleAssignmentRoutes,
  ...orgSettingRoutes,
  ...orgExtraRoutes,
  ...logRoutes,
];

/** Paths below an org URL that belong to the Management API rather than to the authorization server. */
export const isManagementPath = (below: string) =>
  below.startsWith('/api/v1/') ||
  below.startsWith('/attack-protection/api/v1/') ||
  /^\/oauth2\/v1\/clients\/[^/]+\/roles/.test(below);
