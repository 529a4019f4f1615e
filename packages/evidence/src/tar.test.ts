import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBundle } from './bundle.ts';
import { createKeySigner, generateEvidenceKey } from './keys.ts';
import { bundleTar } from './tar.ts';
import { sampleRecord } from './testing/sample-record.ts';
import { verifyBundle, verifyBundleTar } from './verify-bundle.ts';

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
    const listing = execFileSync('tar', ['-tvf', 'b.tar'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(listing).toContain('2026-11-20 12:05');
  });

  it('verifies in memory as downloaded, and reports what does not belong without writing it anywhere', async () => {
    const key = generateEvidenceKey();
    const record = await sampleRecord();
    const files = await renderBundle(record, createKeySigner(key.privateKeyPkcs8), ['json', 'csv']);
    const tar = bundleTar('evidence-b1', files, new Date(record.scannedAt));
    expect(await verifyBundleTar(tar, key.fingerprint)).toMatchObject({ ok: true, problems: [] });
    expect((await verifyBundleTar(tar, 'ab'.repeat(32))).problems.map((p) => p.code)).toEqual(['fingerprint']);

    const escaping = bundleTar(
      'evidence-b1',
      new Map([...files, ['../../tmp/evil.sh', Buffer.from('echo hi')]]),
      new Date(record.scannedAt),
    );
    const r = await verifyBundleTar(escaping, key.fingerprint);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'extra', file: '../' })]);

    const damaged = Buffer.from(tar);
    damaged[600]! ^= 0x01; // inside the first file's header
    expect((await verifyBundleTar(damaged, key.fingerprint)).problems).toEqual([
      expect.objectContaining({ code: 'manifest', message: expect.stringContaining('checksum') }),
    ]);
    expect((await verifyBundleTar(tar.subarray(0, tar.length - 1024 - 10), key.fingerprint)).ok).toBe(false);
  });
});
