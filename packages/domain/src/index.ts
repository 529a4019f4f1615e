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
export { listAuditEvents, ZListAuditEventsInput } from './audit-review/list-audit-events.ts';
export { verifyAuditChain, type AuditProblem, type AuditVerification } from './audit-review/verify-audit-chain.ts';

export { createTenant, ZCreateTenantInput, type TCreateTenantInput } from './tenants/create-tenant.ts';
export { getTenantBySlug } from './tenants/get-tenant.ts';
export { getSetupStatus, type SetupStatus } from './setup/get-setup-status.ts';
export { normalizeDomain, ZDomain, ZTenantSlug } from './tenants/tenants.fns.ts';

export { addMember, ZAddMemberInput, type TAddMemberInput } from './members/add-member.ts';
export { deactivateMember, ZDeactivateMemberInput } from './members/deactivate-member.ts';
export { findMember } from './members/find-member.ts';
export { getMe } from './members/get-me.ts';
export { listMembers } from './members/list-members.ts';
export { toMemberView, ZEmail, ZRole, type MemberView } from './members/members.fns.ts';
export { setMemberRole, ZSetMemberRoleInput } from './members/set-member-role.ts';

export { revokeAllCredentials } from './credentials/revoke-all-credentials.ts';
export { generateSecret, hashSecret, secretMatches } from './credentials/tokens.fns.ts';

export type {
  IdpAccessReport,
  IdpClient,
  IdpClientFactory,
  IdpConnectionConfig,
  IdpCredentials,
  IdpEndpointStats,
  IdpLogEvent,
  IdpObject,
  IdpObjectRef,
  IdpObjectTypeInfo,
  IdpRequestStats,
  IdpRestoreInfo,
} from './idp/types.ts';

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
export { listRecentRecoverySignIns, RECENT_RECOVERY_WINDOW_MS } from './recovery/list-recent-recovery-sign-ins.ts';
export { testSsoConnection, ZTestSsoConnectionInput, type IssuerProbe, type TIssuerCheck, type TIssuerProbeReport } from './sso/test-sso-connection.ts';

export type { GroupAttrs, ListParams, ParseFilter, PatchOperation, ScimContext, ScimDeps, ScimFilter, UserAttrs } from './scim/types.ts';
export { MAX_RESULTS, ROLE_DISPLAY, URN as SCIM_URN } from './scim/urns.ts';
export { ScimError, type ScimType } from './scim/scim-error.ts';
export { etag, listResponse, project, toScimGroup, toScimUser, type ScimResource } from './scim/scim.fns.ts';
export { filterToSql, parseScimFilter } from './scim/filter.fns.ts';
export { applyUserPatch } from './scim/patch.fns.ts';
export { applyGroupPatch } from './scim/group-patch.fns.ts';
export { resourceTypes, schemas as scimSchemas, serviceProviderConfig } from './scim/discovery.fns.ts';
export { createScimUser } from './scim/create-scim-user.ts';
export { getScimUser } from './scim/get-scim-user.ts';
export { listScimUsers } from './scim/list-scim-users.ts';
export { replaceScimUser } from './scim/replace-scim-user.ts';
export { patchScimUser } from './scim/patch-scim-user.ts';
export { deleteScimUser } from './scim/delete-scim-user.ts';
export { createScimGroup } from './scim/create-scim-group.ts';
export { getScimGroup } from './scim/get-scim-group.ts';
export { listScimGroups } from './scim/list-scim-groups.ts';
export { replaceScimGroup } from './scim/replace-scim-group.ts';
export { patchScimGroup } from './scim/patch-scim-group.ts';
export { deleteScimGroup } from './scim/delete-scim-group.ts';
export { getScimRole, listScimRoles } from './scim/list-scim-roles.ts';
export { authenticateScimToken } from './scim/authenticate-scim-token.ts';
export { createScimToken, SCIM_TOKEN_PREFIX, ZCreateScimTokenInput } from './scim/create-scim-token.ts';
export { listScimTokens } from './scim/list-scim-tokens.ts';
export { revokeScimToken } from './scim/revoke-scim-token.ts';
export { setScimGroupRole, ZSetScimGroupRoleInput } from './scim/set-scim-group-role.ts';
export { listScimGroupRoles } from './scim/list-scim-group-roles.ts';

export type { DomainTaskName, DomainTaskPayloads, JobQueue } from './deps.ts';
export { runBackup, type TRunBackupInput } from './snapshots/run-backup.ts';
export { beginBackup } from './snapshots/begin-backup.ts';
export { failAbandonedBackups } from './snapshots/fail-abandoned-backups.ts';
export { backUpConnection, type TBackUpConnectionInput } from './snapshots/back-up-connection.ts';
export { listSnapshots } from './snapshots/list-snapshots.ts';
export { getSnapshotRow } from './snapshots/get-snapshot.ts';
export { readSnapshot, type SnapshotObject } from './snapshots/read-snapshot.ts';
export { objectHistory } from './snapshots/object-history.ts';
export { requestBackup } from './snapshots/request-backup.ts';
export { pruneSnapshots } from './snapshots/prune-snapshots.ts';
export { toSnapshotView, type SnapshotView } from './snapshots/snapshot-view.fns.ts';
export { contentAddress, stripLinks } from './snapshots/object-codec.fns.ts';
export type { BackupProgress } from './snapshots/snapshots.fns.ts';
export { diffSnapshots, type ObjectChange } from './diff/diff-snapshots.ts';
export { actorsOf, attributeChanges, type ChangeActor, indexEvents } from './changes/attribute-changes.ts';
export { diffJson, type JsonChange } from './changes/json-diff.fns.ts';
export { setBackupSchedule, ZSetBackupScheduleInput } from './schedules/set-backup-schedule.ts';
export { enqueueDueBackups, backupJobKey } from './schedules/enqueue-due-backups.ts';
export { retainedSnapshots, nextRun, cronFor, checkCron, type Retention } from './schedules/schedules.fns.ts';

export { addConnection, ZAddConnectionInput, type TAddConnectionInput } from './connections/add-connection.ts';
export { listConnections } from './connections/list-connections.ts';
export { getConnection } from './connections/get-connection.ts';
export { removeConnection, ZRemoveConnectionInput, type TRemoveConnectionInput } from './connections/remove-connection.ts';
export { updateConnection, ZUpdateConnectionInput, type TUpdateConnectionInput } from './connections/update-connection.ts';
export { pauseConnection, ZPauseConnectionInput } from './connections/pause-connection.ts';
export { resumeConnection } from './connections/resume-connection.ts';
export { backupSkipReason } from './connections/backup-skip-reason.ts';
export { isCredentialRejection } from './idp/credential-rejection.fns.ts';
export { addBreakGlassAccount } from './break-glass/add-break-glass-account.ts';
export { removeBreakGlassAccount } from './break-glass/remove-break-glass-account.ts';
export { listBreakGlassAccounts } from './break-glass/list-break-glass-accounts.ts';
export { type BreakGlassAccountView, type TBreakGlassInput, ZBreakGlassInput } from './break-glass/break-glass.fns.ts';
export { testConnection } from './connections/test-connection.ts';
export { loadConnectionConfig } from './connections/load-connection-config.ts';
export { findConnectionTenant } from './connections/find-connection-tenant.ts';
export { type ConnectionStatus, type ConnectionView, ZConnectionId, ZOrgUrl } from './connections/connections.fns.ts';
export { findSnapshotTenant } from './snapshots/find-snapshot-tenant.ts';

export { PRODUCT_VERSION } from './version.ts';
export { FRAMEWORKS, complianceScanJobKey, type Framework, type ScanView } from './scans/scans.fns.ts';
export { runComplianceScan, type TRunComplianceScanInput } from './scans/run-compliance-scan.ts';
export { requestComplianceScan } from './scans/request-compliance-scan.ts';
export { requestLatestScan, ZRequestLatestScanInput } from './scans/request-latest-scan.ts';
export { getScanProgress, ZScanProgressInput } from './scans/scan-progress.ts';
export { listScans } from './scans/list-scans.ts';
export { getScan } from './scans/get-scan.ts';
export { findScanTenant } from './scans/find-scan-tenant.ts';
export { loadScanRecord } from './scans/load-scan-record.ts';
export { listRegressions, type RegressionChange, type RegressionView } from './scans/list-regressions.ts';
export { complianceOverview } from './scans/compliance-overview.ts';
export { listFindings, type TListFindingsInput } from './scans/list-findings.ts';
export { getRuleDetail } from './scans/get-rule-detail.ts';
export { openStoredSnapshot } from './scans/stored-snapshot.ts';
export { getEvidenceKey } from './evidence/get-evidence-key.ts';
export { prepareEvidenceExport } from './evidence/prepare-evidence-export.ts';
export { describeEvidenceExport, EVIDENCE_FORMATS, type EvidenceFormat } from './evidence/describe-evidence-export.ts';

// Dashboard views of snapshots, diffs and schedules; alert webhooks (issue 7).
export { getBackupProgress } from './snapshots/get-backup-progress.ts';
export { getSnapshot } from './snapshots/get-snapshot-view.ts';
export { listSnapshotObjects, ZListSnapshotObjectsInput, type TListSnapshotObjectsInput } from './snapshots/list-snapshot-objects.ts';
export { getSnapshotObject, ZGetSnapshotObjectInput } from './snapshots/get-snapshot-object.ts';
export { getObjectHistory, ZObjectHistoryInput } from './snapshots/get-object-history.ts';
export { MASK, isRedactionMarker, redactChange, redactSecrets } from './snapshots/redact.fns.ts';
export { objectLabel } from './snapshots/object-label.fns.ts';
export { diffPage, ZDiffPageInput, type TDiffPageInput } from './diff/diff-page.ts';
export { getBackupSchedule, DEFAULT_RETENTION } from './schedules/get-backup-schedule.ts';
export {
  SIGNATURE_HEADER,
  WEBHOOK_EVENTS,
  WEBHOOK_MAX_ATTEMPTS,
  CHANNEL_KINDS,
  DIGEST_MODES,
  type ChannelKind,
  type DigestMode,
  signatureHeader,
  typeMatches,
  verifySignature,
  webhookJobKey,
  type WebhookEvent,
  type WebhookView,
} from './webhooks/webhooks.fns.ts';
export { createWebhook, ZCreateWebhookInput, type TCreateWebhookInput, type WebhookTargetCheck } from './webhooks/create-webhook.ts';
export { listWebhooks } from './webhooks/list-webhooks.ts';
export { removeWebhook } from './webhooks/remove-webhook.ts';
export { testWebhook } from './webhooks/test-webhook.ts';
export { queueDailyDigests } from './webhooks/queue-daily-digests.ts';
export { slackBody, emailMessage, plainSubject, escapeHtml } from './webhooks/channel-message.fns.ts';
export { digestAlert } from './webhooks/digest-message.fns.ts';
export { listWebhookDeliveries } from './webhooks/list-webhook-deliveries.ts';
export { getWebhookDelivery } from './webhooks/get-webhook-delivery.ts';
export { enqueueChangeAlerts } from './webhooks/enqueue-change-alerts.ts';
export { enqueueFailureAlerts } from './webhooks/enqueue-failure-alerts.ts';
export { enqueueExpiryAlerts } from './webhooks/enqueue-expiry-alerts.ts';
export { enqueueRegressionAlerts } from './webhooks/enqueue-regression-alerts.ts';
export { listAppCredentials, ZListAppCredentialsInput } from './credentials/list-app-credentials.ts';
export { appCredentials, crossedThreshold, EXPIRY_THRESHOLDS_DAYS, type AppCredential } from './credentials/credentials.fns.ts';
export { openWebhookDelivery } from './webhooks/open-webhook-delivery.ts';
export { recordWebhookAttempt, type TWebhookAttempt } from './webhooks/record-webhook-attempt.ts';

export { API_TOKEN_PREFIX, ZCreateApiTokenInput, ZApiTokenId, type ApiTokenView, type TCreateApiTokenInput } from './api-tokens/api-tokens.fns.ts';
export { createApiToken } from './api-tokens/create-api-token.ts';
export { listApiTokens } from './api-tokens/list-api-tokens.ts';
export { revokeApiToken } from './api-tokens/revoke-api-token.ts';
export { authenticateApiToken, type ApiTokenPrincipal } from './api-tokens/authenticate-api-token.ts';

export { CODE_TTL_MS, REFRESH_TOKEN_PREFIX, REFRESH_TTL_MS, ZCodeChallenge, ZCodeVerifier, pkceMatches, type AccessGrant } from './oauth/oauth.fns.ts';
export { issueAuthorizationCode } from './oauth/issue-authorization-code.ts';
export { hasOAuthConsent } from './oauth/find-oauth-consent.ts';
export { grantOAuthConsent } from './oauth/grant-oauth-consent.ts';
export { redeemAuthorizationCode } from './oauth/redeem-authorization-code.ts';
export { rotateRefreshToken } from './oauth/rotate-refresh-token.ts';
export { revokeRefreshFamily, revokeRefreshToken } from './oauth/revoke-refresh-token.ts';
export { checkAccessGrant, type AccessTokenClaims } from './oauth/check-access-grant.ts';

export { findLogoutTarget } from './logout/find-logout-target.ts';
export { recordLogoutJti } from './logout/record-logout-jti.ts';
export { backchannelLogout } from './logout/backchannel-logout.ts';
export { universalLogout, ZUniversalLogoutSubject, type TUniversalLogoutSubject } from './logout/universal-logout.ts';

export { ZSetWriteCredentialInput, setWriteCredential, type TSetWriteCredentialInput } from './connections/set-write-credential.ts';
export {
  ZRestoreScope,
  type Caveat as RestoreCaveat,
  type PlanStatus as RestorePlanStatus,
  type PlanSummary as RestorePlanSummary,
  type PreviewProgress as RestorePreviewProgress,
  type RestoreAction,
  type TRestoreScope,
} from './restores/types.ts';
export { createRestorePlan, requestRestorePreview, ZRequestRestorePreviewInput, type TRequestRestorePreviewInput } from './restores/request-restore-preview.ts';
export { previewRestore } from './restores/preview-restore.ts';
export { getRestorePlan, type RestorePlanDetail } from './restores/get-restore-plan.ts';
export { listRestorePlans } from './restores/list-restore-plans.ts';
export { lastRestorePreview, lastRestorePreviews, type LastRestorePreview } from './restores/last-restore-preview.ts';
export { approveRestore, ZApproveRestoreInput } from './restores/approve-restore.ts';
export { requestRestoreApply, ZRequestRestoreApplyInput } from './restores/request-restore-apply.ts';
export { applyRestore, type TApplyRestoreInput } from './restores/apply-restore.ts';
export { findRestorePlanTenant } from './restores/plan-rows.ts';
export { restoreApplyJobKey, restorePreviewJobKey, type RestorePlanView } from './restores/restores.fns.ts';
export { newIdMark, planSteps } from './restores/plan.fns.ts';
export { orderSteps } from './restores/order.fns.ts';
export { fingerprintOf, withoutVolatile, ALWAYS_VOLATILE } from './snapshots/objects.fns.ts';
export { liveIdOf, rewriteBody } from './restores/rewrite.fns.ts';

// The browser extension: object status, compare with the latest backup, single-object snapshots (issue 10).
export { ZCompareObjectInput, ZExtensionObjectRef, type TCompareObjectInput, type TExtensionObjectRef } from './extension/extension.fns.ts';
export { getExtensionObjectStatus } from './extension/get-object-status.ts';
export { compareExtensionObject } from './extension/compare-object.ts';
export { snapshotExtensionObject } from './extension/snapshot-object.ts';
export { setRestoreApprovalThreshold, ZSetRestoreThresholdInput } from './restores/set-approval-threshold.ts';
export { requestException } from './exceptions/request-exception.ts';
export { approveException, EXCEPTION_APPROVE_PERMISSION } from './exceptions/approve-exception.ts';
export { rejectException } from './exceptions/reject-exception.ts';
export { revokeException } from './exceptions/revoke-exception.ts';
export { listExceptions } from './exceptions/list-exceptions.ts';
export { expireDueExceptions } from './exceptions/expire-due-exceptions.ts';
export { findExceptionTenant } from './exceptions/find-exception-tenant.ts';
export {
  EXCEPTION_MAX_DAYS,
  EXCEPTION_STATUSES,
  ZRequestException,
  type ExceptionAnnotation,
  type ExceptionStatus,
  type ExceptionView,
  type TRequestException,
} from './exceptions/exceptions.fns.ts';
