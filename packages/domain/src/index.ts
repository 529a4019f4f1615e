/**
 * @deprecated entry point: import from the area instead (`@butterfly/domain/snapshots`,
 * `@butterfly/domain/restores`, ...; `@butterfly/domain/core` for Deps, DomainError and the like). This
 * file only re-exports every area so code written against the old barrel still compiles; new code
 * must not use it. Add a use-case to its area's index.ts, not here.
 */
export * from './core.ts';
export * from './permissions/index.ts';
export * from './crypto/index.ts';
export * from './audit/index.ts';
export * from './audit-review/index.ts';
export * from './tenants/index.ts';
export * from './setup/index.ts';
export * from './members/index.ts';
export * from './credentials/index.ts';
export * from './idp/index.ts';
export * from './sessions/index.ts';
export * from './sso/index.ts';
export * from './recovery/index.ts';
export * from './scim/index.ts';
export * from './snapshots/index.ts';
export * from './bodies/index.ts';
export * from './backups/index.ts';
export * from './diff/index.ts';
export * from './changes/index.ts';
export * from './schedules/index.ts';
export * from './connections/index.ts';
export * from './break-glass/index.ts';
export * from './scans/index.ts';
export * from './evidence/index.ts';
export * from './webhooks/index.ts';
export * from './api-tokens/index.ts';
export * from './oauth/index.ts';
export * from './logout/index.ts';
export * from './restores/index.ts';
export * from './extension/index.ts';
export * from './exceptions/index.ts';
