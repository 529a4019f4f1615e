import { createHash } from 'node:crypto';
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
  /**
   * Decision 050: parameterised statements become named prepared statements (per connection, parsed
   * and planned once), for the first MAX_PREPARED distinct texts of the process; later ones run
   * unnamed as usual. For a hot, repetitive workload (the SCIM app). Not behind a pooler in
   * transaction mode (statements live in the server session). A prepared `select *` / `returning *`
   * fails ("cached plan must not change result type") once a migration changes that table's columns
   * under a running process: restart it after such a migration, as every deploy does.
   */
  prepareStatements?: boolean;
}

/** Distinct statement texts a process prepares at most (each is kept by every connection using it). */
export const MAX_PREPARED = 200;

/**
 * A pg client that names parameterised statements by a hash of their text, so pg prepares each once
 * per connection and afterwards only binds and executes it.
 */
function preparingClient(): new () => pg.Client {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name && names.size < MAX_PREPARED) {
      name = `bf_${createHash('sha1').update(text).digest('base64url')}`;
      names.set(text, name);
    }
    return name;
  };
  // Kysely calls query(text, values); anything else (config objects, streams) passes unchanged.
  return class extends pg.Client {
    override query(...args: unknown[]): any {
      const [text, values] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
        const name = nameOf(text);
        if (name) return super.query({ name, text, values });
      }
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
  } as unknown as new () => pg.Client;
}

/**
 * A pg pool whose clients always have an 'error' listener, idle or checked out: pg emits 'error' on a
 * client whose connection ends unexpectedly even when it is in a caller's hands (between two queries of
 * a transaction), and the pool only listens while the client is idle. The holder hears of it anyway
 * (its next query fails), so that listener only keeps the event from killing the process.
 */
export function createPool(url: string, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName,
    ...(opts.prepareStatements ? { Client: preparingClient() } : {}),
  });
  const onError = opts.onError ?? (() => {});
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', () => {}));
  if (opts.waitForServerMs) waitingConnect(pool, opts.waitForServerMs, opts.stopWaiting);
  return pool;
}

export function createDb(url: string, opts: PoolOptions = {}) {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: createPool(url, opts) }) });
}

/**
 * Decision 050: one connection in pg's pipeline mode, for autocommit statements that must reach
 * Postgres in the order they were issued: each is written at once, without waiting for the answers
 * to those before it, and Postgres runs them one after another. Never for a transaction (its
 * statements would interleave with others'). A connection that fails is replaced on the next query.
 */
export function createOrderedDb(url: string, opts: Pick<PoolOptions, 'applicationName' | 'onError'> = {}) {
  let client: Promise<pg.Client> | undefined;
  const connect = () => {
    const Client = preparingClient() as unknown as new (c: pg.ClientConfig) => pg.Client;
    const c = new Client({
      connectionString: url,
      application_name: opts.applicationName,
      pipeline: true,
    } as pg.ClientConfig);
    // A late error of a replaced connection must not drop its successor.
    const drop = () => {
      if (client === connecting) client = undefined;
    };
    c.on('error', (e) => {
      drop();
      opts.onError?.(e);
    });
    const connecting: Promise<pg.Client> = c.connect().then(
      () => c,
      (e: unknown) => {
        drop();
        throw e;
      },
    );
    client = connecting;
    return connecting;
  };
  const handle = {
    query: async (text: string, values: unknown[]) => (await (client ?? connect())).query(text, values),
    release() {},
  };
  const pool = {
    connect: async () => handle,
    end: async () => {
      const c = client;
      client = undefined;
      await (await c?.catch(() => undefined))?.end();
    },
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
}
