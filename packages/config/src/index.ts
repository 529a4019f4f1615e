export { ConfigError, parseEnv } from './parse.ts';
export { ZDatabaseEnv, type TDatabaseEnv, databaseEnv } from './database.ts';
export { ZWebEnv, type TWebEnv, webEnv } from './web.ts';
export { ZScimEnv, type TScimEnv, scimEnv } from './scim.ts';
export { ZOktaSimEnv, type TOktaSimEnv, oktaSimEnv } from './okta-sim.ts';
export { ZLogEnv, type TLogEnv, logEnv } from './log.ts';
export { createLogger, type Logger } from './logger.ts';
export { repoRoot } from './paths.ts';
export { ENV_KEYS, envDocs } from './keys.ts';
