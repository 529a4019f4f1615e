export {
  createGoogleClient,
  DEFAULT_GOOGLE_API_URL,
  DEFAULT_GOOGLE_TOKEN_URL,
  googleBases,
  type GoogleClient,
  type GoogleClientOptions,
  type GoogleConnectionConfig,
} from './client.ts';
export {
  GOOGLE_CATALOG,
  MUTABLE_POLICY_TYPES as GOOGLE_MUTABLE_POLICY_TYPES,
  READ_SCOPES as GOOGLE_READ_SCOPES,
  WRITE_SCOPES as GOOGLE_WRITE_SCOPES,
  type GoogleObjectType,
} from './catalog.ts';
export { GOOGLE_WRITE_CODES, GoogleWriteError, type GoogleWriteCode } from './write/write-error.fns.ts';
export { googleDefaultTypes, googleTypesLeftOut } from './catalog.fns.ts';
export * from './errors.ts';
export { DIRECTORY_QUERIES_PER_MIN } from './http/quota-governor.ts';
