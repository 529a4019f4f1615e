import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger.ts';

/**
 * The id of the request (or job) whose code is running. Apps enter it where a request starts
 * (`requestContext.run({ requestId }, next)`), so a failure that reaches the last-resort handlers
 * below, far from any request object, is still logged with the request it came from.
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/**
 * The process-wide last resort, installed first thing in each service's main.
 *
 * - An uncaught exception leaves the process in an unknown state (a socket half-handled, a lock
 *   never released): it is logged at fatal with the request id and the process exits 1, so the
 *   supervisor restarts a clean one. Continuing would serve requests on top of broken state.
 * - An unhandled rejection is a promise nobody awaited failing; the operation it belonged to has
 *   already ended one way or another, and nothing else is left half-done by it. It is logged at
 *   error with the request id and the process keeps serving (decision 017): exiting would let any
 *   such bug in one request take down everyone's.
 *
 * Returns the uninstall (tests).
 */
export function installLastResortHandlers(
  log: Pick<Logger, 'fatal' | 'error'>,
  opts: { exit?: (code: number) => void } = {},
): () => void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const requestId = () => requestContext.getStore()?.requestId;
  const onException = (err: Error, origin: string) => {
    log.fatal(
      { err, origin, requestId: requestId() },
      'uncaught exception: state unknown, exiting so the supervisor restarts a clean process',
    );
    exit(1);
  };
  const onRejection = (reason: unknown) => {
    log.error(
      { err: reason, requestId: requestId() },
      'unhandled promise rejection (a bug: the process keeps serving)',
    );
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
