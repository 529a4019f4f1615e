import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { assertNotDeleted } from '../connections/connections.fns.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { HOOK_SECRET_HEADER, eventHookPath, hashHookSecret, newHookSecret } from './freshness.fns.ts';

export const ZRotateEventHookSecretInput = z.object({ connectionId: z.string().trim().min(1).max(100) });

/**
 * Makes a new secret for the connection's Okta event hook and returns it with the hook's path and
 * header: what an admin pastes into Okta (Workflow → Event Hooks). The secret is shown this once;
 * only its SHA-256 is kept, so a lost one is replaced, never shown again, and the old one stops
 * working at once. Audited (never the secret).
 */
export async function rotateEventHookSecret(
  deps: Deps,
  tenantId: string,
  raw: z.input<typeof ZRotateEventHookSecretInput>,
) {
  const input = parseInput(ZRotateEventHookSecretInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  const secret = newHookSecret();
  const hash = hashHookSecret(secret);
  const connectionId = await inTransaction(deps.db, async (trx) => {
    const row = await findConnectionRow(trx, tenantId, input.connectionId);
    assertNotDeleted(row);
    await trx
      .insertInto('connection_freshness')
      .values({ connection_id: row.id, tenant_id: tenantId, cursor_at: deps.clock(), hook_secret_hash: hash })
      .onConflict((oc) => oc.column('connection_id').doUpdateSet({ hook_secret_hash: hash }))
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      { tenantId, action: 'connection.event_hook_secret_rotated', target: { type: 'connection', id: row.id } },
    );
    return row.id;
  });
  return {
    connectionId,
    /** Relative to APP_URL; the API and CLI give the full URL. */
    path: eventHookPath(connectionId),
    header: HOOK_SECRET_HEADER,
    secret,
  };
}
