import type { Server } from 'node:http';
import type { Logger } from './logger.ts';
import { exitWithParent, onShutdownSignal } from './process.ts';

export interface ServiceLifecycle {
  /** Registers how to undo a resource that is now up; shutdown undoes them in reverse order. */
  onStop(name: string, run: () => Promise<unknown>): void;
  /** Stops the service through the same once-only path as a signal, e.g. `stop('startup failed')`. */
  stop(reason: string): void;
}

/**
 * The shutdown of a service that brings its resources up one after another (web, scim). On SIGINT or
 * SIGTERM (once), or the supervisor's death: logs `<service> stopping`, undoes what is up in reverse
 * order (a step that fails is logged and the next still runs), then exits; forced after 10 s. Call
 * it before anything starts, so a signal during start-up still undoes what exists.
 */
export function serviceLifecycle(service: string, log: Pick<Logger, 'info' | 'error'>): ServiceLifecycle {
  const cleanups: { name: string; run: () => Promise<unknown> }[] = [];
  const stop = onShutdownSignal(
    async (reason) => {
      log.info({ reason }, `${service} stopping`);
      for (const { name, run } of cleanups.reverse()) {
        await run().catch((err: unknown) => log.error({ err }, `stopping ${name} failed`));
      }
    },
    { log: (msg) => log.error(msg) },
  );
  exitWithParent(() => stop('parent process exited'));
  return { onStop: (name, run) => void cleanups.push({ name, run }), stop };
}

/**
 * Stops an HTTP server for `onStop`: no new connections, idle ones closed now, and requests still
 * running after 5 s cut, so the database pool can close within the 10 s deadline.
 */
export function closeHttpServer(server: Server): Promise<void> {
  return new Promise<void>((done) => {
    server.close(() => done());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}
