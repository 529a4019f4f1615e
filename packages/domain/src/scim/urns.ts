import type { Role } from '../permissions/matrix.ts';

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  role: 'urn:okta:scim:schemas:core:1.0:Role',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** Largest page a list returns, whatever `count` asks (advertised in ServiceProviderConfig). */
export const MAX_RESULTS = 200;

export const ROLE_DISPLAY: Record<Role, string> = {
  super_admin: 'Super admin',
  admin: 'Admin',
  backup_operator: 'Backup operator',
  auditor: 'Auditor',
  read_only: 'Read only',
};
