import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './generated/db.ts';

// int8 (count(*), bigserial) parsed once here: values in this product stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createDb(url: string, opts: { max?: number; onError?: (e: Error) => void } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  pool.on('error', opts.onError ?? (() => {}));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
