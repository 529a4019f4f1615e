export {
  createEntraClient,
  DEFAULT_GRAPH_URL,
  DEFAULT_LOGIN_URL,
  type EntraClient,
  type EntraClientOptions,
  type EntraConnectionConfig,
} from './client.ts';
export type { EntraSecret } from './auth/token.ts';
export { ENTRA_CATALOG, READ_PERMISSIONS, REPORT_ONLY, type EntraObjectType, type EntraPermission } from './catalog.ts';
export { entraDefaultTypes, entraTypesLeftOut } from './catalog.fns.ts';
export type { DeltaRead } from './delta.ts';
export * from './errors.ts';
export { RU_PER_10S, type TenantSize } from './http/ru-governor.ts';
export { WRITE_PERMISSIONS } from './write/permissions.fns.ts';
export { ENTRA_WRITE_CODES, EntraWriteError, type EntraWriteCode } from './write/write-error.fns.ts';
