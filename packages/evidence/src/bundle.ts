import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanRecord } from '@butterfly/domain/compliance';
import type { EvidenceSigner } from './keys.ts';
import { MANIFEST, SIGNATURE, buildManifest } from './manifest.ts';
import { renderCsv } from './render/csv.ts';
import { renderHtml } from './render/html.ts';
import { renderJson } from './render/json.ts';
import { renderPdf } from './render/pdf.ts';

/** Every file of a bundle, in the order they are written. */
export const BUNDLE_FILES = ['report.html', 'report.pdf', 'results.json', 'results.csv', MANIFEST, SIGNATURE] as const;

/**
 * Renders a scan record into the bundle's files, in memory. Pure given the record and the key: the
 * same scan exported twice gives byte-identical files (Ed25519 signatures are deterministic too).
 */
export async function renderBundle(record: ScanRecord, signer: EvidenceSigner): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>([
    ['report.html', Buffer.from(renderHtml(record))],
    ['report.pdf', await renderPdf(record)],
    ['results.json', Buffer.from(renderJson(record))],
    ['results.csv', Buffer.from(renderCsv(record))],
  ]);
  const manifest = buildManifest(record, files, signer.publicKeySpki);
  files.set(MANIFEST, manifest);
  files.set(SIGNATURE, Buffer.from(await signer.sign(manifest)));
  return files;
}

/** Writes a bundle into `dir` (created if needed); returns the file names. */
export async function exportBundle(dir: string, record: ScanRecord, signer: EvidenceSigner): Promise<string[]> {
  const files = await renderBundle(record, signer);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return [...files.keys()];
}
