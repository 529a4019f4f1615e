import type { Db } from '../deps.ts';

/**
 * The entries of a connection's snapshot `seq` (its validity range holds `seq`), joined to their
 * sealed versions: the one query shape every reader of a snapshot's contents starts from.
 */
export function entriesAt(db: Db, s: { connection_id: string; seq: number }) {
  return db
    .selectFrom('snapshot_entries as e')
    .where('e.connection_id', '=', s.connection_id)
    .where('e.from_seq', '<=', s.seq)
    .where((eb) => eb.or([eb('e.to_seq', 'is', null), eb('e.to_seq', '>', s.seq)]));
}
