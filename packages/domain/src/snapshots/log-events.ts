import type { DB, Transaction } from '@butterfly/db';
import type { Db } from '../deps.ts';
import { idSegments } from '../changes/attribute-changes.ts';
import type { IdpClient, IdpLogEvent } from '../idp/types.ts';
import { openJson, sealJson } from '../bodies/object-codec.fns.ts';

/** What a snapshot records about the log window it read (in `stats.logEvents`). */
export type LogWindowStats = { since: string; until: string } & (
  | { fetched: number; kept: number }
  | { unavailable: string }
);

const CHUNK = 500;

/**
 * The IdP's audit events of the window that touched any of the objects that changed, so a diff can
 * be attributed later without calling the IdP. Everything else (sign-ins, token grants) is dropped
 * as it streams by. Attribution is a convenience: a credential without the log scope, or a log that
 * cannot be read, leaves the backup complete and says why in the stats.
 */
export async function collectLogEvents(
  client: IdpClient,
  input: { since: Date; until: Date; changedIds: Iterable<string>; signal?: AbortSignal },
): Promise<{ events: IdpLogEvent[]; stats: LogWindowStats }> {
  const window = { since: input.since.toISOString(), until: input.until.toISOString() };
  const wanted = idSegments(input.changedIds);
  const events: IdpLogEvent[] = [];
  if (!wanted.size) return { events, stats: { ...window, fetched: 0, kept: 0 } };
  let fetched = 0;
  try {
    for await (const e of client.listLogEvents({ since: input.since, until: input.until, signal: input.signal })) {
      fetched++;
      if (e.targets.some((t) => wanted.has(t.id))) events.push(e);
    }
  } catch (e) {
    if (input.signal?.aborted) throw e;
    return { events: [], stats: { ...window, unavailable: (e as Error).message.slice(0, 500) } };
  }
  return { events, stats: { ...window, fetched, kept: events.length } };
}

const binding = (tenantId: string, snapshotId: string, chunk: number) =>
  Buffer.from(`${tenantId}|log-events|${snapshotId}|${chunk}`);

/** Seals the events in chunks; runs in the transaction that makes the snapshot visible. */
export async function storeLogEvents(
  trx: Transaction<DB>,
  s: { tenantId: string; snapshotId: string; dataKey: { version: number; key: Buffer }; events: IdpLogEvent[] },
) {
  const rows = [];
  for (let i = 0; i < s.events.length; i += CHUNK) {
    const chunk = i / CHUNK;
    const part = s.events.slice(i, i + CHUNK);
    rows.push({
      tenant_id: s.tenantId,
      snapshot_id: s.snapshotId,
      chunk,
      event_count: part.length,
      body: sealJson(s.dataKey, binding(s.tenantId, s.snapshotId, chunk), JSON.stringify(part)),
    });
  }
  if (rows.length) await trx.insertInto('snapshot_log_events').values(rows).execute();
}

/** The events stored with the given snapshots. */
export async function loadLogEvents(
  db: Db,
  tenantId: string,
  snapshotIds: string[],
  key: Buffer,
): Promise<IdpLogEvent[]> {
  if (!snapshotIds.length) return [];
  const rows = await db
    .selectFrom('snapshot_log_events')
    .select(['snapshot_id', 'chunk', 'body'])
    .where('tenant_id', '=', tenantId)
    .where('snapshot_id', 'in', snapshotIds)
    .orderBy('snapshot_id')
    .orderBy('chunk')
    .execute();
  return rows.flatMap(
    (r) => JSON.parse(openJson(key, binding(tenantId, r.snapshot_id, r.chunk), r.body)) as IdpLogEvent[],
  );
}
