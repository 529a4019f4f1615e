/** @butterfly/domain/core: what every area shares (Deps, Actor, DomainError, transactions, input parsing, the job-queue port, the product version). */
export { DomainError, errorCodes, isDomainError, type ErrorCode } from './errors.ts';
export type { Actor, Db, Deps } from './deps.ts';
export { withDb } from './deps.ts';
export { inTransaction, isUniqueViolation, isUuid } from './db.fns.ts';
export { parseInput } from './validation.fns.ts';
export type { DomainTaskName, DomainTaskPayloads, JobQueue } from './deps.ts';
export { PRODUCT_VERSION } from './version.ts';
