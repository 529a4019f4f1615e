import { createPublicKey, verify } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fingerprintOf, normalizeFingerprint } from './keys.ts';
import { MANIFEST, MANIFEST_FORMAT, type Manifest, SIGNATURE, sha256 } from './manifest.ts';
import { type TarEntry, readTar } from './tar.ts';

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

const problem = (code: BundleProblemCode, file: string, message: string): BundleProblem => ({
  code,
  file,
  message: `${file}: ${message}`,
});

/** The bundle's top-level names (folders end in `/`) and a reader of its files: a folder or an archive in memory. */
interface BundleSource {
  names: Set<string>;
  read(name: string): Promise<Buffer>;
}

async function folderSource(dir: string): Promise<BundleSource> {
  const names = new Set(
    (await readdir(dir, { withFileTypes: true })).map((d) => (d.isDirectory() ? `${d.name}/` : d.name)),
  );
  return { names, read: (name) => readFile(join(dir, name)) };
}

async function readManifest(source: BundleSource, problems: BundleProblem[]) {
  const { names } = source;
  for (const f of [MANIFEST, SIGNATURE])
    if (!names.has(f)) problems.push(problem('missing', f, 'missing from the bundle'));
  if (!names.has(MANIFEST) || !names.has(SIGNATURE)) return undefined;
  const bytes = await source.read(MANIFEST);
  try {
    const manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
    if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files) || !manifest.signer?.publicKey)
      throw new Error('not a Butterfly evidence manifest');
    return { bytes, manifest, signature: await source.read(SIGNATURE) };
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
  return verifySource(await folderSource(dir), fingerprintHex, []);
}

/**
 * The same check on the bundle exactly as downloaded: the `.tar` of one folder (`bundleTar`), read in
 * memory. Anything beside that one folder, a link, or an unreadable archive is a problem, not skipped.
 */
export async function verifyBundleTar(archive: Buffer, fingerprintHex: string): Promise<VerifyResult> {
  let entries: TarEntry[];
  try {
    entries = readTar(archive);
  } catch (err) {
    return {
      ok: false,
      problems: [problem('manifest', '(archive)', err instanceof Error ? err.message : String(err))],
    };
  }
  const problems: BundleProblem[] = [];
  // bundleTar writes the folder first; every other entry must sit inside it.
  const root = entries[0]?.path.replace(/\/$/, '').split('/')[0] ?? '';
  const files = new Map<string, Buffer>();
  const names = new Set<string>();
  for (const e of entries) {
    const rel = e.path.startsWith(`${root}/`) ? e.path.slice(root.length + 1) : undefined;
    if (rel === undefined) {
      if (e.path.replace(/\/$/, '') !== root) problems.push(problem('extra', e.path, 'outside the bundle folder'));
      continue;
    }
    if (rel === '') continue;
    const [first, ...rest] = rel.split('/');
    // Deeper entries show as their top folder (`sub/`), the way a folder's listing shows them.
    if (rest.length || e.type === 'directory') names.add(`${first}/`);
    else if (e.type === 'other') problems.push(problem('extra', rel, 'is a link or special file, not a bundle file'));
    else {
      names.add(rel);
      files.set(rel, e.bytes);
    }
  }
  return verifySource({ names, read: async (name) => files.get(name) ?? Buffer.alloc(0) }, fingerprintHex, problems);
}

async function verifySource(
  source: BundleSource,
  fingerprintHex: string,
  problems: BundleProblem[],
): Promise<VerifyResult> {
  const { names } = source;
  const read = await readManifest(source, problems);
  if (!read) return { ok: false, problems };
  const { bytes, manifest, signature } = read;

  let key: ReturnType<typeof createPublicKey> | undefined;
  try {
    key = createPublicKey(manifest.signer.publicKey);
    const actual = fingerprintOf(key);
    if (actual !== normalizeFingerprint(fingerprintHex))
      problems.push(
        problem(
          'fingerprint',
          MANIFEST,
          `signed by key ${actual}, not by the expected ${normalizeFingerprint(fingerprintHex)}`,
        ),
      );
  } catch (err) {
    problems.push(
      problem(
        'manifest',
        MANIFEST,
        `the signer's public key is unusable (${err instanceof Error ? err.message : String(err)})`,
      ),
    );
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
    if (sha256(await source.read(f.name)) !== f.sha256)
      problems.push(problem('hash', f.name, 'content differs from the manifest (SHA-256 mismatch)'));
  }
  for (const n of [...names].sort())
    if (!listed.has(n)) problems.push(problem('extra', n, 'not listed in the manifest'));
  return { ok: problems.length === 0, problems, manifest };
}
