/** @butterfly/domain/idp: the idp area's use-cases and types, for the apps, API and jobs. */
export type {
  IdpAccessReport,
  IdpClient,
  IdpClientFactory,
  IdpConnectionConfig,
  EntraConnectionConfig,
  EntraCredentials,
  GoogleConnectionConfig,
  GoogleServiceAccountCredentials,
  OktaConnectionConfig,
  IdpCredentials,
  IdpEndpointStats,
  IdpLogEvent,
  IdpManualStep,
  IdpObject,
  IdpObjectRef,
  IdpObjectTypeInfo,
  IdpRequestStats,
  IdpRestoreInfo,
  IdpTypeChanges,
} from './types.ts';
export { isCredentialRejection } from './credential-rejection.fns.ts';
