/**
 * Identity-provider API clients. Each implements the domain's `IdpClient` (list, read, write, test
 * access) and is wired into use-cases by the apps and jobs; the domain never imports this package.
 * The Okta connector lands with the Okta Management API issue.
 */
export type { IdpClient, IdpObject, IdpObjectRef } from '@butterfly/domain';
