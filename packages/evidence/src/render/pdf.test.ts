import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STIG_TEXTS } from '@butterfly/domain/compliance';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderPdf } from './pdf.ts';

const pdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find(existsSync);
const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find(existsSync);
const FINGERPRINT = '3f'.repeat(32);

/** The PDF's text as pdftotext reads it (pages 1..last), whitespace folded so wrapped lines compare. */
function textOf(pdf: Buffer, pages?: { first: number; last: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-pdftext-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    return execFileSync(pdftotext!, [...range, join(dir, 'report.pdf'), '-'])
      .toString('utf8')
      .replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('report.pdf', () => {
  it('embeds its font and dates itself at the scan time', async () => {
    const pdf = (await renderPdf(await sampleRecord())).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/FontFile2/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    // pdfkit writes info values as indirect objects: follow the reference.
    const dated = (key: string) => {
      const ref = pdf.match(new RegExp(`/${key} (\\d+) 0 R`))?.[1];
      return pdf.match(new RegExp(`\\n${ref} 0 obj\\n\\((D:[0-9Z]+)\\)`))?.[1];
    };
    expect(dated('CreationDate')).toBe('D:20261120120500Z');
    expect(dated('ModDate')).toBe('D:20261120120500Z');
  });

  it.skipIf(!pdftoppm)('renders: pdftoppm turns page 1 into a non-empty image', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-pdf-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), await renderPdf(await sampleRecord()));
      execFileSync(pdftoppm!, ['-png', '-r', '50', '-f', '1', '-l', '1', join(dir, 'report.pdf'), join(dir, 'page')]);
      // pdftoppm pads the page number to the page count's width (page-01.png for 10+ pages).
      const png = join(dir, readdirSync(dir).find((f) => /^page-0*1\.png$/.test(f))!);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(png).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!pdftotext)(
    'page 1 carries the bundle fingerprint; each STIG rule its V-ID, SV id, STIG text, status and failing objects by name',
    async () => {
      const record = await sampleRecord();
      const pdf = await renderPdf(record, { fingerprint: FINGERPRINT });
      const first = textOf(pdf, { first: 1, last: 1 });
      expect(first).toContain(`Bundle signed by evidence key (fingerprint): ${FINGERPRINT}`);
      expect(first).toContain(`--fingerprint ${FINGERPRINT}`);
      const all = textOf(pdf);
      const norm = (s: string) => s.replace(/\s+/g, ' ');
      for (const r of record.results.filter((x) => x.frameworks.stig)) {
        const t = STIG_TEXTS[r.ruleId]!;
        expect(all, r.ruleId).toContain(`${t.vulnId} · ${t.ruleId}`);
        expect(all, r.ruleId).toContain(norm(`STIG: ${t.title}`));
        expect(all, r.ruleId).toContain(norm(`Check: ${t.checkText}`).slice(0, 120));
        expect(all, r.ruleId).toContain(norm(`Fix: ${t.fixText}`).slice(0, 120));
      }
      // The failing objects by name, not by id.
      expect(all).toContain('Failing: Password policy “Contractors, "temp" <script>alert(1)</script>”');
      expect(all).toContain('Failing: API token “=HYPERLINK("http://x")”');
      expect(all).not.toContain('Failing: API token “00T1”');
      // Without a key (a bare render) there is no fingerprint line; with one the bytes are the same every time.
      expect(textOf(await renderPdf(record), { first: 1, last: 1 })).not.toContain('Bundle signed by');
      expect((await renderPdf(record, { fingerprint: FINGERPRINT })).equals(pdf)).toBe(true);
    },
  );
});
