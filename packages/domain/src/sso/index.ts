/** @butterfly/domain/sso: the sso area's use-cases and types, for the apps, API and jobs. */
export { emailDomain, verificationRecord, ZIssuer } from './sso.fns.ts';
export { setSsoSettings, ZSetSsoSettingsInput, type TSetSsoSettingsInput } from './set-sso-settings.ts';
export { getSsoSettings, loadSsoClient, type TSsoProvider } from './get-sso-settings.ts';
export {
  ENTRA_DEFAULT_AUTHORITY,
  ZDirectoryId,
  entraIssuer,
  isGuid,
  isTrueClaim,
} from './entra.fns.ts';
export { refuseEntraSignIn } from './refuse-entra-sign-in.ts';
export { GOOGLE_DEFAULT_ISSUER, googleIssuers } from './google.fns.ts';
export { checkGoogleHostedDomain } from './check-google-hosted-domain.ts';
export { findTenantForEmail, isTenantEmail } from './find-tenant-for-email.ts';
export { verifyDomain, type TxtResolver } from './verify-domain.ts';
export { addDomain, removeDomain } from './add-domain.ts';
export { signInWithIdp, ZIdpIdentity, type TIdpIdentity } from './sign-in-with-idp.ts';
export {
  testSsoConnection,
  ZTestSsoConnectionInput,
  type IssuerProbe,
  type TIssuerCheck,
  type TIssuerProbeReport,
} from './test-sso-connection.ts';
