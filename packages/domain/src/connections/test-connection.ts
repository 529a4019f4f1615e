import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { IdpAccessReport, IdpClientFactory } from '../idp/types.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { clearNeedsAttention } from './clear-needs-attention.ts';
import { assertNotDeleted, toConnectionView, ZConnectionId } from './connections.fns.ts';
import { findConnectionRow } from './get-connection.ts';
import { loadConnectionConfig } from './load-connection-config.ts';

/**
 * "Test connection": asks the IdP what the stored credential can read, stores the report on the
 * connection and audit-logs the outcome. The IdP call happens outside any transaction; the domain
 * does no HTTP itself: the app injects the client factory, with its outbound-address policy.
 */
export async function testConnection(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  raw: { connectionId: string },
) {
  const { connectionId } = parseInput(ZConnectionId, raw);
  await authorize(deps, tenantId, 'connection.manage');
  if (!deps.idpClientFor) throw new DomainError('INTERNAL', 'No IdP connector configured');
  const row = await findConnectionRow(deps.db, tenantId, connectionId);
  assertNotDeleted(row);
  const client = deps.idpClientFor(await loadConnectionConfig(deps, tenantId, row.id));
  let report: IdpAccessReport;
  try {
    report = await client.testAccess();
  } catch (e) {
    report = { ok: false, connected: false, missing: [], detail: (e as Error).message };
  }
  const now = deps.clock();
  return inTransaction(deps.db, async (trx) => {
    const updated = await trx
      .updateTable('connections')
      .set({ last_test: JSON.stringify(report), last_tested_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new DomainError('NOT_FOUND', 'No such connection');
    // Every scope granted: a credential that Okta refused during a backup works again.
    const cleared =
      report.ok && (await clearNeedsAttention({ ...deps, db: trx }, { tenantId, connectionId: row.id, via: 'test' }));
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'connection.tested',
        outcome: report.ok ? 'success' : 'failure',
        target: { type: 'connection', id: row.id },
        data: { connected: report.connected ?? report.ok, missingScopes: report.missing.map((m) => m.scope) },
      },
    );
    return {
      connection: toConnectionView(
        cleared ? { ...updated, status: 'ok', status_reason: null, status_changed_at: now } : updated,
      ),
      report,
    };
  });
}
