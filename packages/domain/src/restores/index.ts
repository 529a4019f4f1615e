/** @butterfly/domain/restores: the restores area's use-cases and types, for the apps, API and jobs. */
export {
  ZRestoreScope,
  type Caveat as RestoreCaveat,
  type PlanStatus as RestorePlanStatus,
  type PlanSummary as RestorePlanSummary,
  type PreviewProgress as RestorePreviewProgress,
  type RestoreAction,
  type TRestoreScope,
} from './types.ts';
export {
  createRestorePlan,
  requestRestorePreview,
  ZRequestRestorePreviewInput,
  type TRequestRestorePreviewInput,
} from './request-restore-preview.ts';
export { previewRestore } from './preview-restore.ts';
export { getRestorePlan, type RestorePlanDetail } from './get-restore-plan.ts';
export { listRestorePlans } from './list-restore-plans.ts';
export { lastRestorePreview, lastRestorePreviews, type LastRestorePreview } from './last-restore-preview.ts';
export { approveRestore, ZApproveRestoreInput } from './approve-restore.ts';
export { requestRestoreApply, ZRequestRestoreApplyInput } from './request-restore-apply.ts';
export { applyRestore, type TApplyRestoreInput } from './apply-restore.ts';
export { findRestorePlanTenant } from './plan-rows.ts';
export { restoreApplyJobKey, restorePreviewJobKey, type RestorePlanView } from './restores.fns.ts';
export { newIdMark, planSteps } from './plan.fns.ts';
export { orderSteps } from './order.fns.ts';
export { liveIdOf, rewriteBody } from './rewrite.fns.ts';
export { setRestoreApprovalThreshold, ZSetRestoreThresholdInput } from './set-approval-threshold.ts';
export {
  enableRestoredPolicies,
  type EnabledPolicy,
  ZEnableRestoredPoliciesInput,
} from './enable-restored-policies.ts';
