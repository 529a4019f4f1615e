import { createPublicKey, verify } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fingerprintOf, normalizeFingerprint } from './keys.ts';
import { MANIFEST, MANIFEST_FORMAT, type Manifest, SIGNATURE, sha256 } from './manifest.ts';

export type BundleProblemCode = 'missing' | 'extra' | 'hash' | 'signature' | 'fingerprint' | 'manifest';
export interface BundleProblem {
  code: BundleProblemCode;
  file: string;
  message: string;
}
export interface VerifyResult {
  ok: boolean;
  problems: BundleProblem[];
  manifest?: Manifest;
}

const problem = (code: BundleProblemCode, file: string, message: string): BundleProblem => ({ code, file, message: `${file}: ${message}` });

async function readManifest(dir: string, names: Set<string>, problems: BundleProblem[]) {
  for (const f of [MANIFEST, SIGNATURE]) if (!names.has(f)) problems.push(problem('missing', f, 'missing from the bundle'));
  if (!names.has(MANIFEST) || !names.has(SIGNATURE)) return undefined;
  const bytes = await readFile(join(dir, MANIFEST));
  try {
    const manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
    if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files) || !manifest.signer?.publicKey) throw new Error('not a Butterfly evidence manifest');
    return { bytes, manifest, signature: await readFile(join(dir, SIGNATURE)) };
  } catch (err) {
    problems.push(problem('manifest', MANIFEST, `unreadable (${err instanceof Error ? err.message : String(err)})`));
    return undefined;
  }
}

/**
 * Checks a bundle against the signer's fingerprint the auditor recorded beforehand. The key inside the
 * manifest proves nothing alone (anyone can re-sign with their own key), so it must match the
 * fingerprint; then the signature must cover the manifest, and the manifest every file, exactly.
 */
export async function verifyBundle(dir: string, fingerprintHex: string): Promise<VerifyResult> {
  const problems: BundleProblem[] = [];
  const names = new Set((await readdir(dir, { withFileTypes: true })).map((d) => (d.isDirectory() ? `${d.name}/` : d.name)));
  const read = await readManifest(dir, names, problems);
  if (!read) return { ok: false, problems };
  const { bytes, manifest, signature } = read;

  let key: ReturnType<typeof createPublicKey> | undefined;
  try {
    key = createPublicKey(manifest.signer.publicKey);
    const actual = fingerprintOf(key);
    if (actual !== normalizeFingerprint(fingerprintHex)) problems.push(problem('fingerprint', MANIFEST, `signed by key ${actual}, not by the expected ${normalizeFingerprint(fingerprintHex)}`));
  } catch (err) {
    problems.push(problem('manifest', MANIFEST, `the signer's public key is unusable (${err instanceof Error ? err.message : String(err)})`));
  }
  if (key && !verify(null, bytes, key, signature)) {
    // Either file may have been altered and the signature cannot say which: name both.
    problems.push(problem('signature', MANIFEST, `does not match the signature in ${SIGNATURE}`));
    problems.push(problem('signature', SIGNATURE, `is not a valid signature of ${MANIFEST}`));
  }

  const listed = new Set<string>([MANIFEST, SIGNATURE]);
  for (const f of manifest.files) {
    listed.add(f.name);
    if (!names.has(f.name)) {
      problems.push(problem('missing', f.name, 'listed in the manifest but missing'));
      continue;
    }
    if (sha256(await readFile(join(dir, f.name))) !== f.sha256) problems.push(problem('hash', f.name, 'content differs from the manifest (SHA-256 mismatch)'));
  }
  for (const n of [...names].sort()) if (!listed.has(n)) problems.push(problem('extra', n, 'not listed in the manifest'));
  return { ok: problems.length === 0, problems, manifest };
}
