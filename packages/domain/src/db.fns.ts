import type { DB, Transaction } from '@butterfly/db';
import type { Db } from './deps.ts';

/** Runs `fn` in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

type PgError = { code?: string; constraint?: string };

/** A unique-constraint violation, optionally on a named constraint or index. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as PgError;
  return err?.code === '23505' && (!constraint || err.constraint === constraint);
}

/** Postgres text parameter for a uuid column: a malformed id is simply "not found", never a 500. */
export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
