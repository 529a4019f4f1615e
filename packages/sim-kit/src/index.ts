/**
 * What the vendor simulators (apps/okta-sim, apps/entra-sim, apps/google-sim) share: process plumbing, not vendor
 * behaviour. Only the simulators may import it (.dependency-cruiser.cjs): they share no code with the
 * product's connectors (DESIGN.md).
 */
export { CliError, parseSimArgv } from './args.ts';
export { type SimLogger, stderrLoggerFor } from './log.ts';
export { cliOptionsOrExit, serveUntilStopped } from './process.ts';
export { createSender, type TSentRequest } from './send.ts';
export { listenForUrl } from './listen.ts';
export { readStateJson, readStateText, writeStateFile } from './state-file.ts';
export { stateSaver } from './state-saver.ts';
