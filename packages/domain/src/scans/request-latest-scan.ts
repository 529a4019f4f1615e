import { z } from 'zod';
import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { complianceScanJobKey, startedByLabel } from './scans.fns.ts';

export const ZRequestLatestScanInput = z.object({ connectionId: z.string().min(1).max(100) });

/**
 * "Run scan" on a connection: queues a scan of its latest complete full snapshot (not the snapshot
 * its last scan read, which a newer backup may have replaced). `requestedAt` tells the worker to
 * scan again even if that snapshot was scanned before, and tells the page which result to wait for.
 */
export async function requestLatestScan(deps: Deps, tenantId: string, raw: z.input<typeof ZRequestLatestScanInput>) {
  const input = parseInput(ZRequestLatestScanInput, raw);
  await authorize(deps, tenantId, 'compliance.run');
  if (!deps.jobs) throw new DomainError('INTERNAL', 'No job queue configured');
  const connection = await findConnectionRow(deps.db, tenantId, input.connectionId);
  const snap = await deps.db
    .selectFrom('snapshots')
    .select(['id', 'seq', 'completed_at'])
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connection.id)
    .where('status', '=', 'complete')
    .where('kind', '=', 'full')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!snap)
    throw new DomainError('VALIDATION', 'This connection has no complete backup to scan yet: back it up first');
  const requestedAt = deps.clock();
  const payload = {
    tenantId,
    snapshotId: snap.id,
    trigger: 'manual' as const,
    requestedAt: requestedAt.toISOString(),
    requestedBy: startedByLabel(deps.actor),
  };
  await deps.jobs.enqueue(deps.db, 'compliance_scan', payload, { jobKey: complianceScanJobKey(snap.id) });
  return { connectionId: connection.id, snapshotId: snap.id, requestedAt: requestedAt.toISOString() };
}
