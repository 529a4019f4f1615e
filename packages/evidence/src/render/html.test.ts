import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderHtml } from './html.ts';

describe('report.html', () => {
  it('carries the provenance, the counts and a row per rule with its evidence values', async () => {
    const record = await sampleRecord();
    const html = renderHtml(record);
    for (const v of [
      record.orgUrl,
      record.snapshotId,
      record.scanId,
      record.scannedAt,
      record.snapshotTakenAt,
      record.startedBy,
      record.productVersion,
      record.rulesetVersion,
      'Acme Café',
    ]) {
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

  it('names the object each piece of evidence comes from, when the rule recorded its name', async () => {
    const record = await sampleRecord();
    const [first, ...rest] = record.results;
    const named = {
      ...first!,
      evidence: [
        {
          type: 'policy.OKTA_SIGN_ON.rule',
          id: '00p1/0pr1',
          path: 'actions.signon.session.maxSessionIdleMinutes',
          value: 120,
          name: 'Default Policy › <i>Remote</i>',
        },
      ],
    };
    const html = renderHtml({ ...record, results: [named, ...rest] });
    expect(html).toContain(
      '<strong>Default Policy › &lt;i&gt;Remote&lt;/i&gt;</strong>: policy.OKTA_SIGN_ON.rule 00p1/0pr1 · actions.signon.session.maxSessionIdleMinutes = 120',
    );
  });
});
