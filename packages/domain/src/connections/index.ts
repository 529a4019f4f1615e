/** @butterfly/domain/connections: the connections area's use-cases and types, for the apps, API and jobs. */
export { addConnection, ZAddConnectionInput, type TAddConnectionInput } from './add-connection.ts';
export {
  addEntraConnection,
  ZAddEntraConnectionInput,
  type TAddEntraConnectionInput,
} from './add-entra-connection.ts';
export {
  addGoogleConnection,
  ZAddGoogleConnectionInput,
  type TAddGoogleConnectionInput,
} from './add-google-connection.ts';
export { listConnections } from './list-connections.ts';
export { getConnection } from './get-connection.ts';
export { removeConnection, ZRemoveConnectionInput, type TRemoveConnectionInput } from './remove-connection.ts';
export { updateConnection, ZUpdateConnectionInput, type TUpdateConnectionInput } from './update-connection.ts';
export { pauseConnection, ZPauseConnectionInput } from './pause-connection.ts';
export { resumeConnection } from './resume-connection.ts';
export { backupSkipReason } from './backup-skip-reason.ts';
export { testConnection } from './test-connection.ts';
export { loadConnectionConfig } from './load-connection-config.ts';
export { findConnectionTenant } from './find-connection-tenant.ts';
export {
  type ConnectionStatus,
  type ConnectionView,
  DEFAULT_OAUTH_RATE_LIMIT_SHARE,
  rateLimitCeiling,
  ZConnectionId,
  ZOrgUrl,
} from './connections.fns.ts';
export { ZSetWriteCredentialInput, setWriteCredential, type TSetWriteCredentialInput } from './set-write-credential.ts';
