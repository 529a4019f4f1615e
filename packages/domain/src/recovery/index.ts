/** @butterfly/domain/recovery: the recovery area's use-cases and types, for the apps, API and jobs. */
export { createRecoveryLink, RECOVERY_TTL_MS } from './create-recovery-link.ts';
export { redeemRecoveryLink } from './redeem-recovery-link.ts';
export { listRecentRecoverySignIns, RECENT_RECOVERY_WINDOW_MS } from './list-recent-recovery-sign-ins.ts';
