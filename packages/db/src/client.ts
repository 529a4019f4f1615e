import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './generated/db.ts';
import { waitingConnect } from './waiting-connect.ts';

// int8 (count(*), bigserial) parsed once here: values in this product stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface PoolOptions {
  max?: number;
  /** Hears connections that fail (a Postgres restart); without a listener that is an unhandled 'error' event. */
  onError?: (e: Error) => void;
  /** Names the sessions in pg_stat_activity. */
  applicationName?: string;
  /**
   * While the server cannot be reached, `connect()` keeps trying for this long instead of failing at
   * once (waiting-connect.ts). For background work that should ride out a Postgres restart; a request
   * handler had better fail fast, so the default is 0.
   */
  waitForServerMs?: number;
  /** Aborted when the process stops: from then on, connecting fails at once again. */
  stopWaiting?: AbortSignal;
}

/**
 * A pg pool whose clients always have an 'error' listener, idle or checked out: pg emits 'error' on a
 * client whose connection ends unexpectedly even when it is in a caller's hands (between two queries of
 * a transaction), and the pool only listens while the client is idle. The holder hears of it anyway
 * (its next query fails), so that listener only keeps the event from killing the process.
 */
export function createPool(url: string, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, application_name: opts.applicationName });
  const onError = opts.onError ?? (() => {});
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', () => {}));
  if (opts.waitForServerMs) waitingConnect(pool, opts.waitForServerMs, opts.stopWaiting);
  return pool;
}

export function createDb(url: string, opts: PoolOptions = {}) {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: createPool(url, opts) }) });
}
