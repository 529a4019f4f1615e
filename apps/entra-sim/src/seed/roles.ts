import { seededGuid } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';

export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const PRIV_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const SECURITY_ADMIN = '194ae4cb-b126-40b2-bd5b-6091b380977d';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

/** Built-in role templates (their ids are the same in every tenant). */
const BUILT_IN: [string, string][] = [
  [GLOBAL_ADMIN, 'Global Administrator'],
  [PRIV_ROLE_ADMIN, 'Privileged Role Administrator'],
  [SECURITY_ADMIN, 'Security Administrator'],
  [USER_ADMIN, 'User Administrator'],
  ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 'Application Administrator'],
  ['158c047a-c907-4556-b7ef-446551a6b5f7', 'Cloud Application Administrator'],
  ['b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', 'Conditional Access Administrator'],
  ['c4e39bd9-1100-46d3-8c65-fb160da0071f', 'Authentication Administrator'],
  ['7be44c8a-adaf-4e2a-84d6-ab2649e08a13', 'Privileged Authentication Administrator'],
  ['29232cdf-9323-42fd-ade2-1d097af3e4de', 'Exchange Administrator'],
  ['f28a1f50-f6e7-4571-818b-6a12f2af6b6c', 'SharePoint Administrator'],
  ['729827e3-9c14-49f7-bb1b-9608f156bbb8', 'Helpdesk Administrator'],
  ['b0f54661-2d74-4c50-afa3-1ec803f12efe', 'Billing Administrator'],
  ['f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'Global Reader'],
  ['95e79109-95c0-4d8e-aee3-d01accf2d47b', 'Guest Inviter'],
];

const SINCE = '2024-02-01T08:00:00Z';

function assign(t: Tenant, n: number, principalId: string, roleDefinitionId: string) {
  const id = seededGuid(t.id, 'ra', n);
  const base = { principalId, roleDefinitionId, directoryScopeId: '/' };
  t.add('roleManagement/directory/roleAssignments', { id, ...base });
  t.add('roleManagement/directory/roleAssignmentSchedules', {
    id: seededGuid(t.id, 'ras', n),
    ...base,
    memberType: 'Direct',
    status: 'Provisioned',
    assignmentType: 'Assigned',
    createdUsing: id,
    scheduleInfo: { startDateTime: SINCE, expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
  });
  t.add('roleManagement/directory/roleAssignmentScheduleInstances', {
    id: seededGuid(t.id, 'rasi', n),
    ...base,
    roleAssignmentOriginId: id,
    roleAssignmentScheduleId: id,
    assignmentType: 'Assigned',
    memberType: 'Direct',
    startDateTime: SINCE,
    endDateTime: null,
  });
}

function eligible(t: Tenant, n: number, principalId: string, roleDefinitionId: string) {
  const base = { principalId, roleDefinitionId, directoryScopeId: '/', memberType: 'Direct' };
  const id = seededGuid(t.id, 'res', n);
  t.add('roleManagement/directory/roleEligibilitySchedules', {
    id,
    ...base,
    status: 'Provisioned',
    createdUsing: id,
    scheduleInfo: {
      startDateTime: SINCE,
      expiration: { type: 'afterDateTime', endDateTime: '2027-02-01T08:00:00Z', duration: null },
    },
  });
  t.add('roleManagement/directory/roleEligibilityScheduleInstances', {
    id: seededGuid(t.id, 'resi', n),
    ...base,
    roleEligibilityScheduleId: id,
    startDateTime: SINCE,
    endDateTime: '2027-02-01T08:00:00Z',
  });
}

/** The PIM rules ScubaGear reads; for Global Administrator none requires approval or notifies anyone (MS.AAD.7.6–7.8 fail). */
function policyFor(t: Tenant, roleId: string, n: number) {
  const policyId = `Directory_${t.id}_${seededGuid(t.id, 'rmp', n)}`;
  t.add('policies/roleManagementPolicies', {
    id: policyId,
    displayName: 'Directory',
    description: 'Directory',
    isOrganizationDefault: false,
    scopeId: '/',
    scopeType: 'Directory',
    lastModifiedDateTime: SINCE,
  });
  t.add('policies/roleManagementPolicyAssignments', {
    id: `${policyId}_${roleId}`,
    policyId,
    scopeId: '/',
    scopeType: 'Directory',
    roleDefinitionId: roleId,
  });
  const rules = `policies/roleManagementPolicies/${policyId}/rules`;
  const target = (caller: string, level: string) => ({
    caller,
    operations: ['All'],
    level,
    inheritableSettings: [],
    enforcedSettings: [],
  });
  const rule = (id: string, type: string, more: Record<string, unknown>) => {
    const parts = id.split('_');
    t.add(rules, {
      '@odata.type': `#microsoft.graph.${type}`,
      id,
      target: target(parts.at(-2)!, parts.at(-1)!),
      ...more,
    });
  };
  rule('Expiration_Admin_Eligibility', 'unifiedRoleManagementPolicyExpirationRule', {
    isExpirationRequired: false,
    maximumDuration: 'P365D',
  });
  rule('Expiration_Admin_Assignment', 'unifiedRoleManagementPolicyExpirationRule', {
    isExpirationRequired: false,
    maximumDuration: 'P180D',
  });
  rule('Expiration_EndUser_Assignment', 'unifiedRoleManagementPolicyExpirationRule', {
    isExpirationRequired: true,
    maximumDuration: 'PT8H',
  });
  rule('Enablement_EndUser_Assignment', 'unifiedRoleManagementPolicyEnablementRule', {
    enabledRules: ['MultiFactorAuthentication', 'Justification'],
  });
  rule('Approval_EndUser_Assignment', 'unifiedRoleManagementPolicyApprovalRule', {
    setting: {
      isApprovalRequired: false,
      isApprovalRequiredForExtension: false,
      isRequestorJustificationRequired: true,
      approvalMode: 'SingleStage',
      approvalStages: [],
    },
  });
  for (const id of [
    'Notification_Admin_Admin_Assignment',
    'Notification_Admin_Admin_Eligibility',
    'Notification_Admin_EndUser_Assignment',
  ])
    rule(id, 'unifiedRoleManagementPolicyNotificationRule', {
      notificationType: 'Email',
      recipientType: 'Admin',
      notificationLevel: 'All',
      isDefaultRecipientsEnabled: false,
      notificationRecipients: [],
    });
}

/**
 * Roles: one Global Administrator only, permanently assigned (MS.AAD.7.1 and 7.4 fail); a Privileged
 * Role Administrator synced from on-premises (7.3 fails); two eligible assignments through PIM.
 */
export function seedRoles(t: Tenant, users: TObj[]) {
  for (const [id, displayName] of BUILT_IN)
    t.add('roleManagement/directory/roleDefinitions', {
      id,
      displayName,
      description: displayName,
      isBuiltIn: true,
      isEnabled: true,
      templateId: id,
      version: '1',
      resourceScopes: ['/'],
      rolePermissions: [
        { allowedResourceActions: ['microsoft.directory/allEntities/allProperties/allTasks'], condition: null },
      ],
    });
  const [admin, hybrid, third, fourth] = users;
  if (admin) assign(t, 0, admin.id, GLOBAL_ADMIN);
  if (hybrid) assign(t, 1, hybrid.id, PRIV_ROLE_ADMIN);
  if (third) eligible(t, 0, third.id, SECURITY_ADMIN);
  if (fourth) eligible(t, 1, fourth.id, USER_ADMIN);
  BUILT_IN.slice(0, 4).forEach(([roleTemplateId, displayName], n) => {
    const id = seededGuid(t.id, 'dirrole', n);
    t.add('directoryRoles', { id, displayName, description: displayName, roleTemplateId, deletedDateTime: null });
    const members = [...t.collection('roleManagement/directory/roleAssignments').values()]
      .filter((a) => a.roleDefinitionId === roleTemplateId)
      .map((a) => a.principalId as string);
    t.links(`directoryRoles/${id}/members`).push(...members);
    policyFor(t, roleTemplateId, n);
  });
}
