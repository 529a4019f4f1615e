import { createHash } from 'node:crypto';
import type { PeriodRecord } from '@butterfly/domain/evidence';
import type { ScanRecord } from '@butterfly/domain/compliance';
import { canonicalJson } from './canonical-json.ts';
import { fingerprintOf, publicKeyPem } from './keys.ts';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const MANIFEST_FORMAT = 'butterfly-evidence-bundle/1';

/** What a period bundle's manifest says it covers (decision 040); the rest is in period.json. */
export type PeriodSubject = Pick<PeriodRecord, 'tenant' | 'connection' | 'orgUrl' | 'window'> & { scanIds: string[] };

/** One manifest format for every bundle: a scan bundle names its `scan`, a period bundle its `period`. */
export interface Manifest {
  format: string;
  scan?: Omit<ScanRecord, 'results'>;
  period?: PeriodSubject;
  files: { name: string; sha256: string; bytes: number }[];
  signer: { algorithm: 'Ed25519'; publicKey: string; fingerprint: string };
  signature: { file: string; over: string };
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The manifest names every other file with its hash, carries the metadata, and says who signs. */
export function buildManifest(record: ScanRecord, files: Map<string, Buffer>, publicKeySpki: Uint8Array): Buffer {
  const { results: _results, ...scan } = record;
  return buildManifestOf({ scan }, files, publicKeySpki);
}

/** The same manifest for any subject: the files, hashes and signer are what `verifyBundle` checks. */
export function buildManifestOf(
  subject: Pick<Manifest, 'scan'> | Pick<Manifest, 'period'>,
  files: Map<string, Buffer>,
  publicKeySpki: Uint8Array,
): Buffer {
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    ...subject,
    files: [...files]
      .map(([name, bytes]) => ({ name, sha256: sha256(bytes), bytes: bytes.length }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    signer: { algorithm: 'Ed25519', publicKey: publicKeyPem(publicKeySpki), fingerprint: fingerprintOf(publicKeySpki) },
    signature: { file: SIGNATURE, over: `the exact bytes of ${MANIFEST}` },
  };
  return Buffer.from(canonicalJson(manifest));
}
