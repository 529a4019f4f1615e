import type pg from 'pg';

/**
 * Makes `pool.connect()` wait for an unreachable server instead of failing at once: a Postgres restart
 * refuses connections for a few seconds (ECONNREFUSED, "the database system is shutting down",
 * "... is starting up"), and graphile-worker, which records a job's completion or failure through
 * `connect()`, leaves such a rejection unhandled and the process dies. Retried with backoff (100 ms
 * doubling to 2 s) until `giveUpMs` has passed, then the last error is thrown. Errors that waiting
 * cannot fix (a wrong password, a missing database) fail at once, and so does everything once `until`
 * aborts (the process is stopping: its database may be going away with it, and a stop must not wait
 * for it). Only connecting is retried: a query that was running when its connection died fails, and
 * its caller decides.
 */
export function waitingConnect(pool: pg.Pool, giveUpMs: number, until?: AbortSignal) {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const patched = async (callback?: (err: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) => {
    const attempt = connectWithin(connect, giveUpMs, until);
    if (!callback) return attempt;
    attempt.then(
      (client) => callback(undefined, client, () => client.release()),
      (err: Error) => callback(err),
    );
  };
  pool.connect = patched as typeof pool.connect;
}

/** SQLSTATEs of a server that exists and knows us but cannot take us now. */
const TRANSIENT_SQLSTATE = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '55000',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
/** Errors no amount of waiting fixes: authentication, authorization, a missing database or role. */
const PERMANENT_SQLSTATE = /^(28|3D|42)/;

export function isTransientConnectError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code)) return false;
  if (typeof code === 'string' && TRANSIENT_SQLSTATE.has(code)) return true;
  // Socket errors (ECONNREFUSED, ECONNRESET, ...) and "Connection terminated unexpectedly" (no code).
  return typeof code !== 'string' || code.startsWith('E');
}

async function connectWithin(
  connect: () => Promise<pg.PoolClient>,
  giveUpMs: number,
  until?: AbortSignal,
): Promise<pg.PoolClient> {
  const deadline = Date.now() + giveUpMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await connect();
    } catch (err) {
      const left = deadline - Date.now();
      if (until?.aborted || !isTransientConnectError(err) || left <= 0) throw err;
      await new Promise<void>((r) => {
        const t = setTimeout(done, Math.min(delay, left));
        until?.addEventListener('abort', done, { once: true });
        function done() {
          clearTimeout(t);
          until?.removeEventListener('abort', done);
          r();
        }
      });
    }
  }
}
