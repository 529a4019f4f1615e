export { BASE_PATH, createScimServer, type ScimServerDeps } from './server.ts';
export { createFailedAuthLimiter } from './rate-limit.ts';
export { TenantWriteGate } from './tenant-gate.ts';
export { createScimTokenCache, type ScimTokenCache } from './token-cache.ts';
