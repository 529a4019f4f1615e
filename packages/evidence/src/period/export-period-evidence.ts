import type { Deps } from '@butterfly/domain/core';
import { type TPeriodEvidenceInput, preparePeriodEvidenceExport } from '@butterfly/domain/evidence';
import { exportPeriodBundle } from './period-bundle.ts';

/**
 * Writes the signed period bundle of one connection's window into `dir`. The domain collects the
 * period, checks `evidence.export`, audit-logs and holds the key; this renders and writes.
 */
export async function exportPeriodEvidence(
  deps: Deps,
  tenantId: string,
  input: TPeriodEvidenceInput & { dir: string },
) {
  const { dir, ...period } = input;
  const { record, signer, fingerprint } = await preparePeriodEvidenceExport(deps, tenantId, period);
  const files = await exportPeriodBundle(dir, record, signer);
  return { connection: record.connection, window: record.window, summary: record.summary, dir, files, fingerprint };
}
