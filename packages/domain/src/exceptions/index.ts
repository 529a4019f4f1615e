/** @butterfly/domain/exceptions: the exceptions area's use-cases and types, for the apps, API and jobs. */
export { requestException } from './request-exception.ts';
export { approveException, EXCEPTION_APPROVE_PERMISSION } from './approve-exception.ts';
export { rejectException } from './reject-exception.ts';
export { revokeException } from './revoke-exception.ts';
export { listExceptions } from './list-exceptions.ts';
export { expireDueExceptions } from './expire-due-exceptions.ts';
export { findExceptionTenant } from './find-exception-tenant.ts';
export {
  EXCEPTION_MAX_DAYS,
  EXCEPTION_STATUSES,
  ZRequestException,
  type ExceptionAnnotation,
  type ExceptionStatus,
  type ExceptionView,
  type TRequestException,
} from './exceptions.fns.ts';
