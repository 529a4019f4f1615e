import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, exportBundle } from './bundle.ts';
import { createKeySigner, generateEvidenceKey } from './keys.ts';
import { sampleRecord } from './testing/sample-record.ts';
import { verifyBundle } from './verify-bundle.ts';

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'evidence-'));
  dirs.push(d);
  return d;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Object keys reversed at every level: what a record read back from Postgres jsonb may look like. */
const reorder = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reorder)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reorder(x)]),
        )
      : v;

describe('exportBundle', () => {
  const key = generateEvidenceKey();
  const signer = createKeySigner(key.privateKeyPkcs8);

  it('writes every file (reports, checklists, OSCAL, manifest, signature), and the bundle verifies against the key fingerprint', async () => {
    const dir = await tempDir();
    await exportBundle(dir, await sampleRecord(), signer);
    expect((await readdir(dir)).sort()).toEqual([...BUNDLE_FILES].sort());
    expect(await verifyBundle(dir, key.fingerprint)).toMatchObject({ ok: true, problems: [] });
  });

  it('exports the same scan byte for byte, even from a stored copy with keys in another order', async () => {
    const record = await sampleRecord();
    const [a, b] = [await tempDir(), await tempDir()];
    await exportBundle(a, record, signer);
    await new Promise((r) => setTimeout(r, 1100)); // a wall-clock second later: no date may leak in
    await exportBundle(b, reorder(JSON.parse(JSON.stringify(record))) as typeof record, signer);
    for (const f of BUNDLE_FILES) expect((await readFile(join(b, f))).equals(await readFile(join(a, f))), f).toBe(true);
  });
});
