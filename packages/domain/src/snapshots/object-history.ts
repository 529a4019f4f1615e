import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { isUuid } from '../db.fns.ts';
import { openBodies } from '../bodies/open-bodies.ts';
import { actorsOf, type ChangeActor, indexEvents } from '../changes/attribute-changes.ts';
import { type JsonChange, diffJson } from '../changes/json-diff.fns.ts';
import { loadLogEvents } from './log-events.ts';

export interface HistoryVersion {
  firstSnapshot: { id: string; at: string };
  lastSnapshot: { id: string; at: string };
  body: unknown;
  changes: JsonChange[];
  /**
   * Who made this version (the IdP's audit events about the object between the snapshot before it and
   * its first one), as a diff names them; empty for the first version or when the log said nothing.
   */
  actors: ChangeActor[];
  /** The first full snapshot after this version that no longer held the object (deleted by then), if any. */
  deletedIn: { id: string; at: string } | null;
  /** This version came back after a snapshot without the object (re-created under the same id). */
  reappeared: boolean;
}

/**
 * Every version of one object of a connection, oldest first: when it appeared (the first complete
 * snapshot holding it), until when, its body, and what changed from the version before.
 */
export async function objectHistory(
  deps: Deps,
  tenantId: string,
  input: { connectionId: string; type: string; id: string },
) {
  await authorize(deps, tenantId, 'snapshot.read');
  if (!isUuid(input.connectionId)) throw new DomainError('NOT_FOUND', 'No such connection');
  const rows = await deps.db
    .selectFrom('snapshot_entries as e')
    .select(['e.from_seq', 'e.to_seq', 'e.address'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.connection_id', '=', input.connectionId)
    .where('e.type', '=', input.type)
    .where('e.object_id', '=', input.id)
    .orderBy('e.from_seq')
    .execute();
  const snaps = await deps.db
    .selectFrom('snapshots')
    .select(['id', 'seq', 'started_at', 'completed_at', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', input.connectionId)
    .where('status', '=', 'complete')
    // A single-object snapshot (the extension's) holds only its own object, not every range it falls in.
    .where((eb) =>
      eb.or([eb('kind', '=', 'full'), eb.and([eb('object_type', '=', input.type), eb('object_id', '=', input.id)])]),
    )
    .orderBy('seq')
    .execute();
  const bodies = await openBodies(
    deps,
    tenantId,
    rows.map((r) => r.address),
  );
  const versions: HistoryVersion[] = [];
  /** Per version after the first: the snapshots whose windows it was made in, (last before, first of it]. */
  const windows: { version: HistoryVersion; from: Date; to: Date; snapshotIds: string[] }[] = [];
  let before: (typeof snaps)[number] | undefined;
  const ref = (s: (typeof snaps)[number]) => ({ id: s.id, at: s.completed_at!.toISOString() });
  let previous: unknown;
  for (const r of rows) {
    const inRange = snaps.filter((s) => s.seq >= r.from_seq && (r.to_seq === null || s.seq < r.to_seq));
    if (!inRange.length) continue; // only in an unfinished snapshot
    const body = bodies.get(r.address.toString('latin1'));
    const last = inRange.at(-1)!;
    // The first full snapshot after this version's last one that holds no version of the object: it was deleted by then.
    const next = snaps.find((s) => s.seq > last.seq && s.kind === 'full');
    const gone =
      next && !rows.some((x) => next.seq >= x.from_seq && (x.to_seq === null || next.seq < x.to_seq))
        ? next
        : undefined;
    const reappeared = versions.at(-1)?.deletedIn != null;
    const version: HistoryVersion = {
      firstSnapshot: ref(inRange[0]!),
      lastSnapshot: ref(last),
      body,
      changes: previous === undefined ? [] : diffJson(previous, body),
      actors: [],
      deletedIn: gone ? ref(gone) : null,
      reappeared,
    };
    versions.push(version);
    const first = inRange[0]!;
    if (previous !== undefined && before) {
      const from = before;
      const ids = snaps.filter((s) => s.seq > from.seq && s.seq <= first.seq).map((s) => s.id);
      windows.push({ version, from: from.started_at, to: first.completed_at!, snapshotIds: ids });
    }
    previous = body;
    before = last;
  }
  // Each backup kept the audit events of the window since the one before it (snapshots/log-events.ts):
  // only those of the windows a version changed in are read.
  if (windows.length) {
    const { key } = await deps.keyring.dataKey(deps.db, tenantId);
    const events = indexEvents(
      await loadLogEvents(
        deps.db,
        tenantId,
        windows.flatMap((w) => w.snapshotIds),
        key,
      ),
    );
    for (const w of windows) w.version.actors = actorsOf(input.id, events, w);
  }
  return { type: input.type, id: input.id, versions };
}
