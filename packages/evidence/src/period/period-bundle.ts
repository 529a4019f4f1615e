import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PeriodRecord } from '@butterfly/domain/evidence';
import { canonicalJson } from '../canonical-json.ts';
import type { EvidenceSigner } from '../keys.ts';
import { MANIFEST, SIGNATURE, buildManifestOf } from '../manifest.ts';
import { renderPeriodMarkdown } from './render-period-markdown.ts';
import { renderPeriodPdf } from './render-period-pdf.ts';

export const PERIOD_FORMAT = 'butterfly-period-evidence/1';

/**
 * A period's files, in memory, under the same manifest and signature as a scan bundle (decision 040),
 * so `evidence verify` checks both alike. Pure given the record and the key: the same window renders
 * to the same bytes.
 */
export async function renderPeriodBundle(record: PeriodRecord, signer: EvidenceSigner): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>([
    ['period.json', Buffer.from(canonicalJson({ format: PERIOD_FORMAT, ...record }))],
    ['period-report.md', Buffer.from(renderPeriodMarkdown(record))],
    ['period-report.pdf', await renderPeriodPdf(record)],
  ]);
  const { tenant, connection, orgUrl, window } = record;
  const manifest = buildManifestOf(
    { period: { tenant, connection, orgUrl, window, scanIds: record.scans.map((s) => s.scanId) } },
    files,
    signer.publicKeySpki,
  );
  files.set(MANIFEST, manifest);
  files.set(SIGNATURE, Buffer.from(await signer.sign(manifest)));
  return files;
}

/** Writes a period bundle into `dir` (created if needed); returns the file names. */
export async function exportPeriodBundle(dir: string, record: PeriodRecord, signer: EvidenceSigner): Promise<string[]> {
  const files = await renderPeriodBundle(record, signer);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return [...files.keys()];
}
