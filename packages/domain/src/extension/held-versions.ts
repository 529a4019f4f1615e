import type { Db, Deps } from '../deps.ts';
import { openOneBody } from '../bodies/open-bodies.ts';
import { latestFullSnapshot } from '../connections/latest-full-snapshot.ts';

export interface Holder {
  id: string;
  seq: number;
  at: Date;
  kind: 'full' | 'object';
}

export interface HeldVersion {
  address: Buffer;
  /** The first and the last complete snapshot that hold this version. */
  first: Holder;
  last: Holder;
}

/**
 * The stored versions of one object that some complete snapshot holds (oldest first), read from
 * validity ranges alone: nothing is decrypted. A holder is a full snapshot or a single-object
 * snapshot of this very object; another object's single-object snapshot falls inside the range
 * but never read this one. Also the connection's latest full snapshot, held or not.
 */
export async function heldVersions(db: Db, tenantId: string, connectionId: string, ref: { type: string; id: string }) {
  const entries = await db
    .selectFrom('snapshot_entries')
    .select(['from_seq', 'to_seq', 'address'])
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .where('type', '=', ref.type)
    .where('object_id', '=', ref.id)
    .orderBy('from_seq')
    .execute();
  const snaps = !entries.length
    ? []
    : await db
        .selectFrom('snapshots')
        .select(['id', 'seq', 'completed_at', 'kind'])
        .where('tenant_id', '=', tenantId)
        .where('connection_id', '=', connectionId)
        .where('status', '=', 'complete')
        .where((eb) =>
          eb.or([eb('kind', '=', 'full'), eb.and([eb('object_type', '=', ref.type), eb('object_id', '=', ref.id)])]),
        )
        .where('seq', '>=', entries[0]?.from_seq ?? 0)
        .orderBy('seq')
        .execute();
  const holders: Holder[] = snaps.map((s) => ({
    id: s.id,
    seq: s.seq,
    at: s.completed_at!,
    kind: s.kind as Holder['kind'],
  }));
  const versions: HeldVersion[] = [];
  for (const e of entries) {
    const held = holders.filter((h) => h.seq >= e.from_seq && (e.to_seq === null || h.seq < e.to_seq));
    if (held.length) versions.push({ address: e.address, first: held[0]!, last: held.at(-1)! });
  }
  const latestFull = await latestFullSnapshot(db, tenantId, connectionId);
  return {
    versions,
    latestFull: latestFull ? { id: latestFull.id, seq: latestFull.seq, at: latestFull.completed_at! } : null,
  };
}

/** The body of a stored version, decrypted. */
export function openVersion(
  deps: Pick<Deps, 'db' | 'keyring' | 'bodies'>,
  tenantId: string,
  address: Buffer,
): Promise<unknown> {
  return openOneBody(deps, tenantId, address);
}
