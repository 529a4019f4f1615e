/** @butterfly/domain/api-tokens: the api-tokens area's use-cases and types, for the apps, API and jobs. */
export {
  API_TOKEN_PREFIX,
  ZCreateApiTokenInput,
  ZApiTokenId,
  type ApiTokenView,
  type TCreateApiTokenInput,
} from './api-tokens.fns.ts';
export { createApiToken } from './create-api-token.ts';
export { listApiTokens } from './list-api-tokens.ts';
export { revokeApiToken } from './revoke-api-token.ts';
export { authenticateApiToken, type ApiTokenPrincipal } from './authenticate-api-token.ts';
