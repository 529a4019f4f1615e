import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeySigner, generateEvidenceKey } from '../keys.ts';
import { samplePeriod } from '../testing/sample-period.ts';
import { verifyBundle } from '../verify-bundle.ts';
import { exportPeriodBundle } from './period-bundle.ts';
import { renderPeriodMarkdown } from './render-period-markdown.ts';

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'period-'));
  dirs.push(d);
  return d;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
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

describe('period bundle', () => {
  const key = generateEvidenceKey();
  const signer = createKeySigner(key.privateKeyPkcs8);

  it('writes the period, its reports, manifest and signature; verifyBundle accepts it and names a changed file', async () => {
    const dir = await tempDir();
    const files = await exportPeriodBundle(dir, samplePeriod(), signer);
    expect(files).toEqual(['period.json', 'period-report.md', 'period-report.pdf', 'manifest.json', 'manifest.sig']);
    expect((await readdir(dir)).sort()).toEqual([...files].sort());
    expect(await verifyBundle(dir, key.fingerprint)).toMatchObject({
      ok: true,
      problems: [],
      manifest: { period: { window: samplePeriod().window } },
    });
    const md = await readFile(join(dir, 'period-report.md'));
    md[10]! ^= 0x01;
    await writeFile(join(dir, 'period-report.md'), md);
    expect((await verifyBundle(dir, key.fingerprint)).problems).toEqual([
      expect.objectContaining({ code: 'hash', file: 'period-report.md' }),
    ]);
  });

  it('renders the same bytes again, a second later and from a copy with keys in another order', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const files = await exportPeriodBundle(a, samplePeriod(), signer);
    await new Promise((r) => setTimeout(r, 1100));
    await exportPeriodBundle(b, reorder(samplePeriod()) as ReturnType<typeof samplePeriod>, signer);
    for (const f of files) expect((await readFile(join(b, f))).equals(await readFile(join(a, f))), f).toBe(true);
  });

  it('reads as a report: the regression with its fix and actor, pipes escaped in tables, an empty window said plainly', () => {
    const md = renderPeriodMarkdown(samplePeriod());
    expect(md).toContain(
      '- Fixed in scan 6c1f2a9e-0000-4000-8000-0000000000b2 (snapshot of 2026-10-12T15:30:00.000Z), 2 d 6 h later',
    );
    expect(md).toContain('by alice@acme.example (policy.lifecycle.update, 2026-10-10T09:00:00.000Z)');
    expect(md).toContain('Drills start \\| after the migration');
    expect(md).toContain('Contractors \\| "temp" \\<b\\>');
    expect(md).toContain('  - `` $.settings.password.complexity.minLength ``: `` 15 `` → `` 8 ``');
    expect(md).toContain('| SOC 2 | CC6.1 | OKTA-APP-000650 | 1 of 2 | 1 |');
    const empty = { ...samplePeriod(), scans: [], changes: [], regressions: [], exceptions: [] };
    empty.summary = {
      ...empty.summary,
      notes: ['No compliance scan of this connection was made of a snapshot taken in this window.'],
    };
    const text = renderPeriodMarkdown(empty);
    expect(text).toContain('- No compliance scan of this connection was made of a snapshot taken in this window.');
    expect(text).toContain('No scan in this window.');
  });
});
