import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanRecord } from '@butterfly/domain/compliance';
import { type EvidenceSigner, fingerprintOf } from './keys.ts';
import { MANIFEST, SIGNATURE, buildManifest } from './manifest.ts';
import { renderCkl } from './render/ckl.ts';
import { renderCklb } from './render/cklb.ts';
import { renderCsv } from './render/csv.ts';
import { renderHtml } from './render/html.ts';
import { renderJson } from './render/json.ts';
import { renderOscal } from './render/oscal.ts';
import { renderPdf } from './render/pdf.ts';

/** Every file of a bundle, in the order they are written. */
export const BUNDLE_FILES = [
  'report.html',
  'report.pdf',
  'results.json',
  'results.csv',
  'checklist.ckl',
  'checklist.cklb',
  'oscal-assessment-results.json',
  MANIFEST,
  SIGNATURE,
] as const;

export type BundleFormat = 'html' | 'pdf' | 'json' | 'csv' | 'ckl' | 'cklb' | 'oscal';
export const BUNDLE_FORMATS: readonly BundleFormat[] = ['html', 'pdf', 'json', 'csv', 'ckl', 'cklb', 'oscal'];
const RENDERERS: Record<BundleFormat, [string, (r: ScanRecord, fingerprint: string) => Buffer | Promise<Buffer>]> = {
  html: ['report.html', (r) => Buffer.from(renderHtml(r))],
  pdf: ['report.pdf', (r, fingerprint) => renderPdf(r, { fingerprint })],
  json: ['results.json', (r) => Buffer.from(renderJson(r))],
  csv: ['results.csv', (r) => Buffer.from(renderCsv(r))],
  ckl: ['checklist.ckl', (r) => Buffer.from(renderCkl(r))],
  cklb: ['checklist.cklb', (r) => Buffer.from(renderCklb(r))],
  oscal: ['oscal-assessment-results.json', (r) => Buffer.from(renderOscal(r))],
};

/**
 * Renders a scan record into the bundle's files, in memory. Pure given the record and the key: the
 * same scan exported twice gives byte-identical files (Ed25519 signatures are deterministic too).
 * `formats` picks the reports (all of them by default); the manifest lists exactly those written.
 */
export async function renderBundle(
  record: ScanRecord,
  signer: EvidenceSigner,
  formats: readonly BundleFormat[] = BUNDLE_FORMATS,
): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const fingerprint = fingerprintOf(signer.publicKeySpki);
  for (const f of BUNDLE_FORMATS.filter((x) => formats.includes(x))) {
    const [name, render] = RENDERERS[f];
    files.set(name, await render(record, fingerprint));
  }
  const manifest = buildManifest(record, files, signer.publicKeySpki);
  files.set(MANIFEST, manifest);
  files.set(SIGNATURE, Buffer.from(await signer.sign(manifest)));
  return files;
}

/** Writes a bundle into `dir` (created if needed); returns the file names. */
export async function exportBundle(
  dir: string,
  record: ScanRecord,
  signer: EvidenceSigner,
  formats?: readonly BundleFormat[],
): Promise<string[]> {
  const files = await renderBundle(record, signer, formats);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return [...files.keys()];
}
