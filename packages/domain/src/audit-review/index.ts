/** @butterfly/domain/audit-review: the audit-review area's use-cases and types, for the apps, API and jobs. */
export {
  listAuditEvents,
  ZListAuditEventsInput,
  type AuditEntryView,
  type AuditPage,
} from './list-audit-events.ts';
export { verifyAuditChain, type AuditProblem, type AuditVerification } from './verify-audit-chain.ts';
