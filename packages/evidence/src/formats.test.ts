import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportBundle } from './bundle.ts';
import { createKeySigner, generateEvidenceKey } from './keys.ts';
import { sampleRecord } from './testing/sample-record.ts';
import { verifyBundle } from './verify-bundle.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('a bundle of some formats', () => {
  it('holds and signs exactly the reports asked for, and a report added later fails verification', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evidence-formats-'));
    dirs.push(dir);
    const key = generateEvidenceKey();
    await exportBundle(dir, await sampleRecord(), createKeySigner(key.privateKeyPkcs8), ['json', 'html']);
    expect((await readdir(dir)).sort()).toEqual(['manifest.json', 'manifest.sig', 'report.html', 'results.json']);
    expect(await verifyBundle(dir, key.fingerprint)).toMatchObject({ ok: true });
    await writeFile(join(dir, 'results.csv'), 'rule,result\r\n');
    expect((await verifyBundle(dir, key.fingerprint)).problems.map((p) => p.code)).toEqual(['extra']);
  });

  it('writes the STIG checklists and OSCAL results under their names, signed like the reports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evidence-formats-'));
    dirs.push(dir);
    const key = generateEvidenceKey();
    await exportBundle(dir, await sampleRecord(), createKeySigner(key.privateKeyPkcs8), ['ckl', 'cklb', 'oscal']);
    expect((await readdir(dir)).sort()).toEqual([
      'checklist.ckl',
      'checklist.cklb',
      'manifest.json',
      'manifest.sig',
      'oscal-assessment-results.json',
    ]);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([
      'checklist.ckl',
      'checklist.cklb',
      'oscal-assessment-results.json',
    ]);
    expect(await verifyBundle(dir, key.fingerprint)).toMatchObject({ ok: true });
    await writeFile(
      join(dir, 'checklist.ckl'),
      (await readFile(join(dir, 'checklist.ckl'), 'utf8')).replace(
        '<STATUS>Open</STATUS>',
        '<STATUS>NotAFinding</STATUS>',
      ),
    );
    expect((await verifyBundle(dir, key.fingerprint)).problems).toEqual([
      expect.objectContaining({ code: 'hash', file: 'checklist.ckl' }),
    ]);
  });
});
