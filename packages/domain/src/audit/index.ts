/** @butterfly/domain/audit: the audit area's use-cases and types, for the apps, API and jobs. */
export { appendAuditEvent, type TAuditEventInput } from './append-audit-event.ts';
export { canonicalJson } from './audit.fns.ts';
