import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { getScanRow } from '../scans/get-scan.ts';
import { ensureEvidenceKey } from './ensure-evidence-key.ts';

export const EVIDENCE_FORMATS = ['html', 'pdf', 'json', 'csv', 'ckl', 'cklb', 'oscal'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];
const FILE_OF: Record<EvidenceFormat, string> = {
  html: 'report.html',
  pdf: 'report.pdf',
  json: 'results.json',
  csv: 'results.csv',
  ckl: 'checklist.ckl',
  cklb: 'checklist.cklb',
  oscal: 'oscal-assessment-results.json',
};

/**
 * A download descriptor for a scan's evidence bundle: where the web app serves it, which files it
 * will hold and the fingerprint to verify it with. The API stays free of rendering (and of
 * @butterfly/evidence); the bundle is rendered when downloaded, and that is what is audit-logged.
 */
export async function describeEvidenceExport(
  deps: Deps,
  tenantId: string,
  input: { scanId: string; formats?: EvidenceFormat[]; framework?: string },
) {
  await authorize(deps, tenantId, 'evidence.export');
  const scan = await getScanRow(deps.db, tenantId, input.scanId);
  const key = await ensureEvidenceKey(deps, tenantId);
  const formats = input.formats?.length
    ? EVIDENCE_FORMATS.filter((f) => input.formats!.includes(f))
    : [...EVIDENCE_FORMATS];
  return {
    scanId: scan.id,
    formats,
    ...(input.framework ? { framework: input.framework } : {}),
    files: [...formats.map((f) => FILE_OF[f]), 'manifest.json', 'manifest.sig'],
    href: `/evidence/${scan.id}?formats=${formats.join(',')}${input.framework ? `&framework=${encodeURIComponent(input.framework)}` : ''}`,
    filename: `butterfly-evidence-${scan.id}.tar`,
    fingerprint: key.fingerprint,
  };
}
