import type { Deps } from '../deps.ts';
import { collectPeriodEvidence } from './collect-period-evidence.ts';
import { ensureEvidenceKey } from './ensure-evidence-key.ts';
import type { TPeriodEvidenceInput } from './period.fns.ts';

/** The files of a period bundle, in the order they are written (manifest and signature last). */
export const PERIOD_BUNDLE_FILES = [
  'period.json',
  'period-report.md',
  'period-report.pdf',
  'manifest.json',
  'manifest.sig',
] as const;

/**
 * A download descriptor for a period bundle, with the summary it will carry: where the web app serves
 * it and the fingerprint to verify it with. Checks `evidence.export` (by collecting, so bad input and
 * unknown connections fail here, before any download); the download itself is what is audit-logged.
 */
export async function describePeriodEvidence(deps: Deps, tenantId: string, input: TPeriodEvidenceInput) {
  const record = await collectPeriodEvidence(deps, tenantId, input);
  const key = await ensureEvidenceKey(deps, tenantId);
  const q = new URLSearchParams({ connection: record.connection.id, from: record.window.from, to: record.window.to });
  return {
    connection: record.connection,
    window: record.window,
    summary: record.summary,
    files: [...PERIOD_BUNDLE_FILES],
    href: `/evidence/period?${q}`,
    filename: `${periodBundleName(record.connection.id, record.window)}.tar`,
    fingerprint: key.fingerprint,
  };
}

/** `butterfly-period-<connection id's first 8>-<from>-<to>`, instants compacted: tar paths hold 100 bytes. */
export const periodBundleName = (connectionId: string, w: { from: string; to: string }) => {
  const compact = (iso: string) => iso.replace(/[-:]|\.\d+/g, '');
  return `butterfly-period-${connectionId.slice(0, 8)}-${compact(w.from)}-${compact(w.to)}`;
};
