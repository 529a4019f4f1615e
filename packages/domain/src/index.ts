export { DomainError, errorCodes, isDomainError, type ErrorCode } from './errors.ts';
export type { Actor, Db, Deps } from './deps.ts';
export { withDb } from './deps.ts';
export { inTransaction, isUniqueViolation, isUuid } from './db.fns.ts';
export { parseInput } from './validation.fns.ts';

export { PERMISSIONS, PERMISSION_NAMES, ROLES, type Permission, type Role } from './permissions/matrix.ts';
export { capRole, highestRole, isRole, permissionsOf, roleHas, rolePrecedence } from './permissions/permissions.fns.ts';
export { authorize, recordDenial } from './permissions/authorize.ts';

export { createKeyring, type Keyring } from './crypto/keyring.ts';
export { openSecret, sealSecret } from './crypto/secrets.ts';

export { appendAuditEvent, type TAuditEventInput } from './audit/append-audit-event.ts';
export { canonicalJson } from './audit/audit.fns.ts';
export { listAuditEvents, ZListAuditEventsInput } from './audit/list-audit-events.ts';
export { verifyAuditChain, type AuditProblem, type AuditVerification } from './audit/verify-audit-chain.ts';

export { createTenant, ZCreateTenantInput, type TCreateTenantInput } from './tenants/create-tenant.ts';
export { getTenantBySlug } from './tenants/get-tenant.ts';
export { normalizeDomain, ZDomain, ZTenantSlug } from './tenants/tenants.fns.ts';

export { addMember, ZAddMemberInput, type TAddMemberInput } from './members/add-member.ts';
export { deactivateMember, ZDeactivateMemberInput } from './members/deactivate-member.ts';
export { findMember } from './members/find-member.ts';
export { listMembers } from './members/list-members.ts';
export { toMemberView, ZEmail, ZRole, type MemberView } from './members/members.fns.ts';
export { setMemberRole, ZSetMemberRoleInput } from './members/set-member-role.ts';

export { revokeAllCredentials } from './credentials/revoke-all-credentials.ts';
export { generateSecret, hashSecret, secretMatches } from './credentials/tokens.fns.ts';

export type { IdpAccessReport, IdpClient, IdpObject, IdpObjectRef, IdpRequestStats } from './idp/types.ts';

export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions/sessions.fns.ts';
export { createSession } from './sessions/create-session.ts';
export { resolveSession, type SessionPrincipal } from './sessions/resolve-session.ts';
export { listSessions } from './sessions/list-sessions.ts';
export { endSessions } from './sessions/end-sessions.ts';

export { emailDomain, verificationRecord, ZIssuer } from './sso/sso.fns.ts';
export { setSsoSettings, ZSetSsoSettingsInput, type TSetSsoSettingsInput } from './sso/set-sso-settings.ts';
export { getSsoSettings, loadSsoClient } from './sso/get-sso-settings.ts';
export { findTenantForEmail, isTenantEmail } from './sso/find-tenant-for-email.ts';
export { verifyDomain, type TxtResolver } from './sso/verify-domain.ts';
export { addDomain, removeDomain } from './sso/add-domain.ts';
export { signInWithIdp, ZIdpIdentity, type TIdpIdentity } from './sso/sign-in-with-idp.ts';

export { createRecoveryLink, RECOVERY_TTL_MS } from './recovery/create-recovery-link.ts';
export { redeemRecoveryLink } from './recovery/redeem-recovery-link.ts';
