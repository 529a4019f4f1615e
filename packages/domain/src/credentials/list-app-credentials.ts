import { z } from 'zod';
import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { readSnapshot } from '../snapshots/read-snapshot.ts';
import { parseInput } from '../validation.fns.ts';
import { appCredentials, daysLeft } from './credentials.fns.ts';
import { latestFullSnapshot } from '../connections/latest-full-snapshot.ts';

export const ZListAppCredentialsInput = z.object({ connectionId: z.string().min(1).max(100) });

/**
 * "Secrets and certificates": every app client secret and signing key of the connection's latest
 * complete backup (metadata only: the backup holds no values), soonest expiry first.
 */
export async function listAppCredentials(deps: Deps, tenantId: string, raw: z.input<typeof ZListAppCredentialsInput>) {
  const input = parseInput(ZListAppCredentialsInput, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  // Another tenant's connection is not found: no hint it exists.
  const conn = await findConnectionRow(deps.db, tenantId, input.connectionId);
  const snap = await latestFullSnapshot(deps.db, tenantId, conn.id);
  const connection = { id: conn.id, name: conn.name };
  if (!snap) return { connection, snapshot: null, credentials: [] };
  const objects = [];
  for await (const o of readSnapshot(deps, tenantId, snap.id, { types: ['app', 'app.key', 'app.secret'] }))
    objects.push(o);
  const now = deps.clock();
  return {
    connection,
    snapshot: { id: snap.id, completedAt: snap.completed_at?.toISOString() ?? null },
    credentials: appCredentials(objects).map((c) => ({
      ...c,
      daysLeft: c.expiresAt ? daysLeft(c.expiresAt, now) : null,
    })),
  };
}
