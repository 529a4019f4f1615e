import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderHtml } from './html.ts';

describe('report.html', () => {
  it('carries the provenance, the counts and a row per rule with its evidence values', async () => {
    const record = await sampleRecord();
    const html = renderHtml(record);
    for (const v of [record.orgUrl, record.snapshotId, record.scanId, record.scannedAt, record.snapshotTakenAt, record.startedBy, record.productVersion, record.rulesetVersion, 'Acme Café']) {
      expect(html).toContain(v);
    }
    for (const r of record.results) expect(html).toContain(`<tr id="${r.ruleId}">`);
    expect(html).toContain('policy.PASSWORD 00p1pw · settings.password.complexity.minLength = 8');
    expect(html).toContain(`<strong>${record.counts.FAIL}</strong>Fail`);
  });

  it('escapes org data and stands alone (no scripts, no external resources)', async () => {
    const html = renderHtml(await sampleRecord());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<(link|img|script)\b|\bsrc=|url\(/i);
    expect(html).toContain('@media print');
  });
});
