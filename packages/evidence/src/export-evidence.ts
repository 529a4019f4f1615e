import type { Deps } from '@butterfly/domain/core';
import { prepareEvidenceExport } from '@butterfly/domain/evidence';
import { type BundleFormat, exportBundle } from './bundle.ts';

/**
 * Writes a stored scan's evidence bundle into `dir`, signed with the tenant's evidence key. The record
 * comes from stored data only, so exporting the same scan again gives byte-identical files. The domain
 * checks `evidence.export`, audit-logs the export and holds the private key; this renders and writes.
 */
export async function exportEvidence(
  deps: Deps,
  tenantId: string,
  input: { scanId: string; dir: string; formats?: readonly BundleFormat[]; framework?: string },
) {
  const { record, signer, fingerprint } = await prepareEvidenceExport(deps, tenantId, {
    scanId: input.scanId,
    formats: input.formats ? [...input.formats] : undefined,
    framework: input.framework,
  });
  const files = await exportBundle(input.dir, record, signer, input.formats);
  return { scanId: record.scanId, dir: input.dir, files, fingerprint };
}
