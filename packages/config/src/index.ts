export { ConfigError, parseEnv } from './parse.ts';
export { ZDatabaseEnv, type TDatabaseEnv, databaseEnv } from './database.ts';
export { ZWebEnv, type TWebEnv, parseDnsServer, webEnv } from './web.ts';
export { ZScimEnv, type TScimEnv, scimEnv } from './scim.ts';
export { ZBodyStoreEnv, type TBodyStoreEnv, bodyStoreEnv } from './body-store.ts';
export { ZWorkerEnv, type TWorkerEnv, workerEnv } from './worker.ts';
export { ZSmtpEnv, type TSmtpEnv, redactSmtpUrl, smtpEnv } from './smtp.ts';
export { ZEntraSimEnv, type TEntraSimEnv, entraSimEnv } from './entra-sim.ts';
export { ZGoogleSimEnv, type TGoogleSimEnv, googleSimEnv } from './google-sim.ts';
export { ZOktaSimEnv, type TOktaSimEnv, oktaSimEnv } from './okta-sim.ts';
export {
  RATE_LIMIT_DEFAULTS,
  type RateLimitName,
  ZRateLimitEnv,
  type TRateLimitEnv,
  rateLimitEnv,
} from './rate-limits.ts';
export { ZLogEnv, type TLogEnv, logEnv } from './log.ts';
export { SLOW_REQUEST_MS, createLogger, requestLogLevel, type Logger } from './logger.ts';
export { installLastResortHandlers, requestContext } from './last-resort.ts';
export { repoRoot } from './paths.ts';
export { BACKUP_HEAP_GROWING_PERCENT, tuneHeapForBackups } from './backup-heap.ts';
export { ENV_KEYS, envDocs } from './keys.ts';
export { exitWithParent, onShutdownSignal, type ShutdownFn, type Unwatch } from './process.ts';
export { closeHttpServer, type ServiceLifecycle, serviceLifecycle } from './service-lifecycle.ts';
