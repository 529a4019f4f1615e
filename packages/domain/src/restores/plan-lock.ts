import { type DB, type Kysely, sql } from '@butterfly/db';
import { DomainError } from '../errors.ts';

/**
 * Runs `fn` holding a session-level advisory lock on the plan, on a connection kept for the whole
 * apply. A worker killed mid-apply drops its connection and Postgres releases the lock at once, so
 * the next attempt resumes without waiting out a lease; two live workers never apply one plan.
 */
export async function withPlanLock<T>(db: Kysely<DB>, planId: string, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    const key = `restore_apply:${planId}`;
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok`.execute(
      conn,
    );
    if (!rows[0]?.ok) throw new DomainError('CONFLICT', 'This plan is being applied right now');
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn);
    }
  });
}
