import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, exportBundle } from './bundle.ts';
import { createKeySigner, generateEvidenceKey } from './keys.ts';
import { sampleRecord } from './testing/sample-record.ts';
import { verifyBundle } from './verify-bundle.ts';

const key = generateEvidenceKey();
let root: string;
let original: string;
let n = 0;
/** A fresh copy of the good bundle to tamper with. */
async function copy() {
  const d = join(root, `copy-${n++}`);
  await cp(original, d, { recursive: true });
  return d;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'evidence-verify-'));
  original = join(root, 'original');
  await exportBundle(original, await sampleRecord(), createKeySigner(key.privateKeyPkcs8));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('verifyBundle', () => {
  for (const file of BUNDLE_FILES) {
    it(`fails, naming ${file}, when one byte of it is flipped`, async () => {
      const d = await copy();
      const bytes = await readFile(join(d, file));
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      await writeFile(join(d, file), bytes);
      const r = await verifyBundle(d, key.fingerprint);
      expect(r.ok).toBe(false);
      expect(r.problems.map((p) => p.file)).toContain(file);
    });
  }

  it('fails against another fingerprint (a bundle re-signed with another key proves nothing)', async () => {
    const r = await verifyBundle(original, generateEvidenceKey().fingerprint);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'fingerprint', file: 'manifest.json' })]);
  });

  it('fails on a missing file and on an extra one', async () => {
    const d = await copy();
    await unlink(join(d, 'results.csv'));
    await writeFile(join(d, 'notes.txt'), 'added later');
    const r = await verifyBundle(d, key.fingerprint);
    expect(r.problems.map((p) => `${p.code}:${p.file}`).sort()).toEqual(['extra:notes.txt', 'missing:results.csv']);
  });

  it('fails without the signature', async () => {
    const d = await copy();
    await unlink(join(d, 'manifest.sig'));
    expect((await verifyBundle(d, key.fingerprint)).problems).toEqual([
      expect.objectContaining({ code: 'missing', file: 'manifest.sig' }),
    ]);
  });

  it('accepts the fingerprint as people write it (upper case, colons)', async () => {
    const typed = key.fingerprint.toUpperCase().match(/../g)!.join(':');
    expect((await verifyBundle(original, typed)).ok).toBe(true);
  });
});
