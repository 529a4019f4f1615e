export {
  createGoogleClient,
  DEFAULT_GOOGLE_API_URL,
  DEFAULT_GOOGLE_TOKEN_URL,
  googleBases,
  type GoogleClient,
  type GoogleClientOptions,
  type GoogleConnectionConfig,
} from './client.ts';
export { GOOGLE_CATALOG, READ_SCOPES as GOOGLE_READ_SCOPES, type GoogleObjectType } from './catalog.ts';
export { googleDefaultTypes, googleTypesLeftOut } from './catalog.fns.ts';
export * from './errors.ts';
export { DIRECTORY_QUERIES_PER_MIN } from './http/quota-governor.ts';
