/** @butterfly/domain/credentials: the credentials area's use-cases and types, for the apps, API and jobs. */
export { revokeAllCredentials } from './revoke-all-credentials.ts';
export { generateSecret, hashSecret, secretMatches } from './tokens.fns.ts';
export { listAppCredentials, ZListAppCredentialsInput } from './list-app-credentials.ts';
export { appCredentials, crossedThreshold, EXPIRY_THRESHOLDS_DAYS, type AppCredential } from './credentials.fns.ts';
