import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countResults, type ScanRecord } from '@butterfly/domain/compliance';
import { describe, expect, it } from 'vitest';
import { renderBundle } from '../bundle.ts';
import { createKeySigner, generateEvidenceKey } from '../keys.ts';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderCkl } from './ckl.ts';
import { renderCklb } from './cklb.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderOscal } from './oscal.ts';
import { renderPdf } from './pdf.ts';

const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find(existsSync);
const EXCEPTION = {
  id: '6c1f2a9e-0000-4000-8000-0000000000e1',
  scope: null,
  rationale: 'Compensated by the SIEM; fixed with the Q1 migration',
  expiresAt: '2027-01-31T00:00:00.000Z',
  requestedBy: 'member:alice@acme.example',
  approvedBy: 'member:bob@acme.example',
  approvedAt: '2026-11-19T10:00:00.000Z',
};
const ACCEPTED =
  'Accepted until 2027-01-31T00:00:00.000Z by member:alice@acme.example approved by member:bob@acme.example';

/** The sample record with its first failing STIG rule accepted by a whole-rule exception. */
async function acceptedRecord(): Promise<{ record: ScanRecord; ruleId: string }> {
  const base = await sampleRecord();
  const target = base.results.find((r) => r.result === 'FAIL' && r.frameworks.stig)!;
  const results = base.results.map((r) => (r === target ? { ...r, exceptions: [EXCEPTION], accepted: true } : r));
  return { record: { ...base, results, counts: countResults(results) }, ruleId: target.ruleId };
}

describe('exceptions in the evidence', () => {
  it('every format keeps the failure and says who accepted it, until when and why', async () => {
    const { record, ruleId } = await acceptedRecord();
    expect(record.counts.accepted).toBe(1);
    const json = JSON.parse(renderJson(record));
    expect(json.results.find((r: { ruleId: string }) => r.ruleId === ruleId)).toMatchObject({
      result: 'FAIL',
      accepted: true,
      exceptions: [EXCEPTION],
    });
    expect(json.counts).toMatchObject({ accepted: 1 });

    const csv = renderCsv(record).split('\r\n');
    expect(csv[0]).toMatch(/,evidence_value,exception$/);
    expect(csv.find((l) => l.startsWith(`${ruleId},`))).toMatch(new RegExp(`,FAIL,.*${ACCEPTED}`));

    const html = renderHtml(record);
    expect(html).toContain(
      `<p class="exception">${ACCEPTED} (whole rule; exception ${EXCEPTION.id}): ${EXCEPTION.rationale}</p>`,
    );
    expect(html).toContain('<li class="accepted"><strong>1</strong>Failures accepted by exceptions</li>');

    const ckl = renderCkl(record);
    const vuln = ckl.split('<VULN>').find((v) => v.includes(`<ATTRIBUTE_DATA>${ruleId}</ATTRIBUTE_DATA>`))!;
    expect(vuln).toContain('<STATUS>Open</STATUS>');
    expect(vuln).toMatch(new RegExp(`<COMMENTS>[^<]*${ACCEPTED}`));
    const cklb = JSON.parse(renderCklb(record));
    const rule = cklb.stigs[0].rules.find((r: { rule_version: string }) => r.rule_version === ruleId);
    expect(rule).toMatchObject({ status: 'open', comments: expect.stringContaining(ACCEPTED) });

    const oscal = JSON.parse(renderOscal(record));
    const finding = oscal['assessment-results'].results[0].findings.find((f: { title: string }) =>
      f.title.startsWith(`${ruleId}:`),
    );
    expect(finding).toMatchObject({
      target: { status: { state: 'not-satisfied' } },
      remarks: expect.stringContaining(ACCEPTED),
    });
  });

  it('a result the exceptions cover only in part says it is not accepted as a whole', async () => {
    const { record, ruleId } = await acceptedRecord();
    const partial = {
      ...record,
      results: record.results.map((r) =>
        r.ruleId === ruleId
          ? {
              ...r,
              accepted: undefined,
              exceptions: [{ ...EXCEPTION, scope: { objectType: 'user', objectId: '00u1' } }],
            }
          : r,
      ),
    };
    expect(renderHtml(partial)).toContain(
      'Not accepted as a whole: the exceptions below cover only some of the objects the rule names.',
    );
    expect(renderCsv(partial)).toContain('(user 00u1; exception');
  });

  it('stays byte-reproducible: the same record gives the same bundle', async () => {
    const { record } = await acceptedRecord();
    const key = generateEvidenceKey();
    const a = await renderBundle(record, createKeySigner(key.privateKeyPkcs8));
    const b = await renderBundle(record, createKeySigner(key.privateKeyPkcs8));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);
    const plain = await renderBundle(await sampleRecord(), createKeySigner(key.privateKeyPkcs8));
    expect(a.get('report.pdf')!.equals(plain.get('report.pdf')!)).toBe(false);
  });

  it.skipIf(!pdftotext)('report.pdf shows the acceptance next to the failure', async () => {
    const { record } = await acceptedRecord();
    const dir = mkdtempSync(join(tmpdir(), 'evidence-exc-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), await renderPdf(record));
      const text = execFileSync(pdftotext!, ['-raw', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('Accepted until 2027-01-31T00:00:00.000Z by member:alice@acme.example');
      expect(text).toContain('1 failing accepted by exceptions');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
