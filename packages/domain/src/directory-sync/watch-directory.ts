import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { ZConnectionId } from '../connections/connections.fns.ts';
import { loadConnectionConfig } from '../connections/load-connection-config.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { hashHookSecret, newHookSecret } from '../freshness/freshness.fns.ts';
import type { IdpClient, IdpClientFactory } from '../idp/types.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { findSyncConnection, selectSyncRow } from './sync-connection.ts';

/** Google keeps a `users.watch` channel 6 hours at most. */
const CHANNEL_MS = 6 * 3600_000;
/** A sync renews the channel when it has less than this left (syncs run every 15 minutes by default). */
const RENEW_BEFORE_MS = 2 * 3600_000;

/** The doorbell route Google calls for a connection (apps/web `hooks.google.$connectionId`). */
export const directoryWatchPath = (connectionId: string) => `/hooks/google/${connectionId}`;

/**
 * Decision 064: asks Google to POST to Butterfly's doorbell on each change of a user (`users.watch`),
 * so a suspension is synced within seconds instead of at the next periodic sync. The channel's token
 * is random; only its hash is kept. The channel is renewed by the syncs before its 6 hours end.
 */
export async function watchDirectory(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  raw: { connectionId: string },
  o: { appUrl: string },
) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'connection.manage');
  if (!deps.idpClientFor) throw new DomainError('INTERNAL', 'No IdP connector configured');
  const conn = await findSyncConnection(deps.db, tenantId, connectionId, { notPaused: true });
  const client = deps.idpClientFor(await loadConnectionConfig(deps, tenantId, conn.id));
  const address = `${o.appUrl.replace(/\/+$/, '')}${directoryWatchPath(conn.id)}`;
  return openChannel(deps, { tenantId, connectionId: conn.id }, client, address);
}

/** After a sync: a channel that ends within two hours is replaced by a new one to the same address. */
export async function renewDirectoryWatch(
  deps: Deps,
  target: { tenantId: string; connectionId: string },
  client: IdpClient,
) {
  const row = await selectSyncRow(deps.db, target.tenantId, target.connectionId);
  if (!row?.watch_address || !row.watch_expires_at) return undefined;
  if (row.watch_expires_at.getTime() - deps.clock().getTime() > RENEW_BEFORE_MS) return undefined;
  return openChannel(deps, target, client, row.watch_address);
}

async function openChannel(
  deps: Deps,
  target: { tenantId: string; connectionId: string },
  client: IdpClient,
  address: string,
) {
  if (!client.watchUsers)
    throw new DomainError('DIRECTORY_SYNC_UNSUPPORTED', 'This connection cannot watch its directory for changes');
  const token = newHookSecret();
  const id = randomUUID();
  const ch = await client.watchUsers({ id, address, token, expiresAt: new Date(deps.clock().getTime() + CHANNEL_MS) });
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock();
    const watch = {
      watch_channel_id: id,
      watch_resource_id: ch.resourceId,
      watch_token_hash: hashHookSecret(token),
      watch_address: address,
      watch_expires_at: ch.expiresAt,
      updated_at: now,
    };
    await trx
      .insertInto('directory_syncs')
      .values({ tenant_id: target.tenantId, connection_id: target.connectionId, ...watch })
      .onConflict((oc) => oc.column('connection_id').doUpdateSet(watch))
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId: target.tenantId,
        action: 'directory_sync.watch_started',
        target: { type: 'connection', id: target.connectionId },
        data: { channelId: id, address, expiresAt: ch.expiresAt.toISOString() },
      },
    );
    return { channelId: id, address, expiresAt: ch.expiresAt.toISOString() };
  });
}
