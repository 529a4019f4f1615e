import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderPdf } from './pdf.ts';

const pdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find(existsSync);

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
      const png = join(dir, 'page-1.png');
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(png).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
