import { sql } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { writeObjectSnapshot } from '../extension/write-object-snapshot.ts';
import type { IdpClient, IdpLogEvent } from '../idp/types.ts';
import { POLL_LEASE_MS } from './freshness.fns.ts';

export interface TPollSystemLogInput {
  tenantId: string;
  connectionId: string;
  client: IdpClient;
  /** What asked for it: the periodic poll, or a call of the connection's event hook. */
  trigger: 'system_log' | 'event_hook';
  /** Events younger than this are left to the next poll (Okta's log takes a moment to show them). */
  settleSeconds: number;
  signal?: AbortSignal;
}

export type PollOutcome =
  | { status: 'off' | 'busy' }
  | { status: 'backup_running'; events: number }
  | { status: 'polled'; since: Date; until: Date; events: number; objects: number; changed: number; gone: number };

/**
 * One System Log poll of one connection (decision 048): the events published since the cursor (up to
 * `settleSeconds` ago), the objects they name read once each however many events name them
 * (IdpClient.readChangedObjects, through the connector's rate governor), and each stored as a
 * single-object snapshot (kind `object`, trigger `system_log` or `event_hook`): the same writer as the
 * extension's "Snapshot now", so history, diff, restore and the next full backup see it like any
 * other version. The cursor then moves to the window's end, which is the connection's recovery
 * point. One poll per connection at a time (a lease on its row); while a full backup runs, the poll
 * leaves the cursor where it was and the next one reads the window again.
 */
export async function pollSystemLog(deps: Deps, input: TPollSystemLogInput): Promise<PollOutcome> {
  if (!input.client.readChangedObjects) throw new DomainError('VALIDATION', 'This connector has no event freshness');
  const now = deps.clock();
  const lease = await deps.db
    .updateTable('connection_freshness')
    .set({ polling_until: new Date(now.getTime() + POLL_LEASE_MS) })
    .where('tenant_id', '=', input.tenantId)
    .where('connection_id', '=', input.connectionId)
    .where('enabled', '=', true)
    .where((eb) => eb.or([eb('polling_until', 'is', null), eb('polling_until', '<', now)]))
    .returning(['cursor_at'])
    .executeTakeFirst();
  if (!lease) {
    const on = await deps.db
      .selectFrom('connection_freshness')
      .select('enabled')
      .where('tenant_id', '=', input.tenantId)
      .where('connection_id', '=', input.connectionId)
      .executeTakeFirst();
    return { status: on?.enabled ? 'busy' : 'off' };
  }
  const since = lease.cursor_at;
  const until = new Date(now.getTime() - input.settleSeconds * 1000);
  try {
    const events: IdpLogEvent[] = [];
    if (until > since)
      for await (const e of input.client.listLogEvents({ since, until, signal: input.signal })) {
        // The window is [since, until): an event at `until` belongs to the next one.
        if (Date.parse(e.published) < until.getTime()) events.push(e);
      }
    let changed = 0;
    let gone = 0;
    let objects = 0;
    if (events.length) {
      for (const r of await input.client.readChangedObjects(events, { signal: input.signal })) {
        objects++;
        // Gone since: the next full backup records the removal (a single-object snapshot only adds versions).
        if (!r.object) {
          gone++;
          continue;
        }
        try {
          const s = await writeObjectSnapshot(deps, {
            tenantId: input.tenantId,
            connectionId: input.connectionId,
            object: r.object,
            trigger: input.trigger,
          });
          if (s.changed) changed++;
        } catch (e) {
          if (isDomainError(e) && e.code === 'CONFLICT') {
            await release(deps, input, { last_error: null });
            return { status: 'backup_running', events: events.length };
          }
          throw e;
        }
      }
    }
    const end = until > since ? until : since;
    await release(deps, input, {
      cursor_at: end,
      polled_at: end,
      last_error: null,
      events_seen: sql<number>`events_seen + ${events.length}`,
      objects_snapshotted: sql<number>`objects_snapshotted + ${objects - gone}`,
    });
    deps.log.info(
      { tenantId: input.tenantId, connectionId: input.connectionId, events: events.length, objects, changed },
      'system log polled',
    );
    return { status: 'polled', since, until: end, events: events.length, objects, changed, gone };
  } catch (e) {
    await release(deps, input, { last_error: String((e as Error)?.message ?? e).slice(0, 500) }).catch(() => {});
    throw e;
  }
}

async function release(deps: Deps, input: { tenantId: string; connectionId: string }, set: Record<string, unknown>) {
  await deps.db
    .updateTable('connection_freshness')
    .set({ ...set, polling_until: null })
    .where('tenant_id', '=', input.tenantId)
    .where('connection_id', '=', input.connectionId)
    .execute();
}
