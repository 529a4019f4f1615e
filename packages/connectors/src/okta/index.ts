export { createOktaClient, type OktaClientOptions } from './client.ts';
export { OKTA_CATALOG, POLICY_TYPES, SCOPE_PROBES, type OktaObjectType, type OktaScope } from './catalog.ts';
export { ALL_SCOPES, defaultTypes, typesLeftOut } from './catalog.fns.ts';
export { REDACTED } from './json-path.fns.ts';
export * from './errors.ts';
export { OKTA_TYPE_LABELS, objectTypeLabel } from './type-labels.ts';
