import type { DB, Transaction } from '@butterfly/db';

/**
 * Takes back what an unfinished backup wrote: the entries it opened are deleted and the ones it
 * closed are current again. Versions it inserted stay (content-addressed, harmless) until pruning.
 */
export async function undoSnapshotWrites(trx: Transaction<DB>, connectionId: string, seq: number) {
  await trx
    .deleteFrom('snapshot_entries')
    .where('connection_id', '=', connectionId)
    .where('from_seq', '=', seq)
    .execute();
  await trx
    .updateTable('snapshot_entries')
    .set({ to_seq: null })
    .where('connection_id', '=', connectionId)
    .where('to_seq', '=', seq)
    .execute();
}
