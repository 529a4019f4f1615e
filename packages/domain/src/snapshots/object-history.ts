import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { isUuid } from '../db.fns.ts';
import { type JsonChange, diffJson } from '../diff/json-diff.fns.ts';
import { openBody } from './object-codec.fns.ts';

/**
 * Every version of one object of a connection, oldest first: when it appeared (the first complete
 * snapshot holding it), until when, its body, and what changed from the version before.
 */
export async function objectHistory(deps: Deps, tenantId: string, input: { connectionId: string; type: string; id: string }) {
  await authorize(deps, tenantId, 'snapshot.read');
  if (!isUuid(input.connectionId)) throw new DomainError('NOT_FOUND', 'No such connection');
  const rows = await deps.db
    .selectFrom('snapshot_entries as e')
    .innerJoin('object_versions as v', (j) => j.onRef('v.tenant_id', '=', 'e.tenant_id').onRef('v.address', '=', 'e.address'))
    .select(['e.from_seq', 'e.to_seq', 'e.address', 'v.body'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.connection_id', '=', input.connectionId)
    .where('e.type', '=', input.type)
    .where('e.object_id', '=', input.id)
    .orderBy('e.from_seq')
    .execute();
  const snaps = await deps.db
    .selectFrom('snapshots')
    .select(['id', 'seq', 'completed_at'])
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', input.connectionId)
    .where('status', '=', 'complete')
    // A single-object snapshot (the extension's) holds only its own object, not every range it falls in.
    .where((eb) => eb.or([eb('kind', '=', 'full'), eb.and([eb('object_type', '=', input.type), eb('object_id', '=', input.id)])]))
    .orderBy('seq')
    .execute();
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  const versions: { firstSnapshot: { id: string; at: string }; lastSnapshot: { id: string; at: string }; body: unknown; changes: JsonChange[] }[] = [];
  let previous: unknown;
  for (const r of rows) {
    const inRange = snaps.filter((s) => s.seq >= r.from_seq && (r.to_seq === null || s.seq < r.to_seq));
    if (!inRange.length) continue; // only in an unfinished snapshot
    const body = JSON.parse(openBody(key, tenantId, r.address, r.body));
    const ref = (s: (typeof snaps)[number]) => ({ id: s.id, at: s.completed_at!.toISOString() });
    versions.push({ firstSnapshot: ref(inRange[0]!), lastSnapshot: ref(inRange.at(-1)!), body, changes: previous === undefined ? [] : diffJson(previous, body) });
    previous = body;
  }
  return { type: input.type, id: input.id, versions };
}
