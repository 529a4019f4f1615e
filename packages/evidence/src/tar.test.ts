import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBundle } from './bundle.ts';
import { createKeySigner, generateEvidenceKey } from './keys.ts';
import { bundleTar } from './tar.ts';
import { sampleRecord } from './testing/sample-record.ts';
import { verifyBundle } from './verify-bundle.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('bundleTar', () => {
  it('is an archive tar extracts into a bundle that verifies, the same bytes every time', async () => {
    const key = generateEvidenceKey();
    const record = await sampleRecord();
    const files = await renderBundle(record, createKeySigner(key.privateKeyPkcs8), ['html', 'json', 'csv']);
    const tar = bundleTar('evidence-b1', files, new Date(record.scannedAt));
    expect(tar.length % 512).toBe(0);
    expect(bundleTar('evidence-b1', files, new Date(record.scannedAt)).equals(tar)).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'evidence-tar-'));
    dirs.push(dir);
    await writeFile(join(dir, 'b.tar'), tar);
    execFileSync('tar', ['-xf', 'b.tar'], { cwd: dir });
    expect(await verifyBundle(join(dir, 'evidence-b1'), key.fingerprint)).toMatchObject({ ok: true });
    const listing = execFileSync('tar', ['-tvf', 'b.tar'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(listing).toContain('2026-11-20 12:05');
  });
});
