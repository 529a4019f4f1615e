import type { DB, Kysely } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { bodyStoreOf } from './open-bodies.ts';

/**
 * Deletes a tenant's versions nothing references any more, rows and bodies (wherever the store keeps
 * them), in a transaction of its own and then the store's sweep (decision 044). For what deletes
 * entries outside retention (a connection deleted with its snapshots). A failure is logged, not
 * thrown: what it leaves behind is garbage nothing reads, collected by the tenant's next pruning.
 */
export async function collectUnreferencedBodies(
  deps: Pick<Deps, 'db' | 'bodies' | 'log'>,
  tenantId: string,
): Promise<{ deleted: number; swept: number }> {
  if (deps.db.isTransaction) return { deleted: 0, swept: 0 }; // the caller's rows may still come back
  const db = deps.db as Kysely<DB>;
  try {
    const { deleted, sweep } = await db
      .transaction()
      .execute((trx) => bodyStoreOf(deps).deleteUnreferenced(trx, tenantId));
    return { deleted, swept: await sweep(db) };
  } catch (err) {
    deps.log.error({ err, tenantId }, 'deleting unreferenced snapshot bodies failed');
    return { deleted: 0, swept: 0 };
  }
}
