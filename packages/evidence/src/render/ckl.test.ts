import { STIG_TEXTS, type ScanRecord } from '@butterfly/domain/compliance';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderCkl } from './ckl.ts';

type StigData = { VULN_ATTRIBUTE: string; ATTRIBUTE_DATA?: string };
type Vuln = { STIG_DATA: StigData[]; STATUS: string; FINDING_DETAILS: string; COMMENTS: string };

/** Parses checklist.ckl with a real XML parser, keeping every text as a string. */
function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['VULN', 'STIG_DATA', 'SI_DATA', 'iSTIG'].includes(name),
  }).parse(xml);
  return doc.CHECKLIST as {
    ASSET: Record<string, string>;
    STIGS: { iSTIG: { STIG_INFO: { SI_DATA: { SID_NAME: string; SID_DATA?: string }[] }; VULN: Vuln[] }[] };
  };
}
const attr = (v: Vuln, name: string) => v.STIG_DATA.find((d) => d.VULN_ATTRIBUTE === name)?.ATTRIBUTE_DATA ?? '';

describe('checklist.ckl (STIG Viewer 2)', () => {
  it('is a CHECKLIST with the asset, the STIG info and one VULN per STIG rule, with status, details and comments', async () => {
    const record = await sampleRecord();
    const ckl = parse(renderCkl(record));
    expect(ckl.ASSET).toMatchObject({
      ROLE: 'None',
      ASSET_TYPE: 'Computing',
      HOST_NAME: 'acme.okta.com',
      HOST_FQDN: 'acme.okta.com',
      WEB_OR_DATABASE: 'false',
    });
    const [istig] = ckl.STIGS.iSTIG;
    const info = Object.fromEntries(istig!.STIG_INFO.SI_DATA.map((d) => [d.SID_NAME, d.SID_DATA ?? '']));
    expect(info).toMatchObject({
      version: '1',
      releaseinfo: 'Release: 2',
      stigid: 'Okta_IDaaS_STIG',
      title: 'Okta Identity as a Service (IDaaS) Security Technical Implementation Guide',
    });
    expect(info.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const stigResults = record.results.filter((r) => r.frameworks.stig);
    expect(stigResults.length).toBe(29);
    const vulns = istig!.VULN;
    expect(vulns.map((v) => attr(v, 'Vuln_Num'))).toEqual(stigResults.map((r) => r.frameworks.stig).sort());
    for (const v of vulns) {
      const names = v.STIG_DATA.map((d) => d.VULN_ATTRIBUTE);
      for (const n of [
        'Vuln_Num',
        'Severity',
        'Rule_ID',
        'Rule_Ver',
        'Rule_Title',
        'Check_Content',
        'Fix_Text',
        'STIG_UUID',
        'CCI_REF',
      ])
        expect(names, n).toContain(n);
      const r = record.results.find((x) => x.ruleId === attr(v, 'Rule_Ver'))!;
      const t = STIG_TEXTS[r.ruleId]!;
      expect(attr(v, 'Vuln_Num')).toBe(r.frameworks.stig);
      // The STIG's own words, as DISA published them (decision 041).
      expect(attr(v, 'Rule_ID')).toBe(t.ruleId);
      expect(attr(v, 'Rule_ID')).toMatch(/^SV-\d+r\d+_rule$/);
      expect(attr(v, 'Group_Title')).toBe(t.groupTitle);
      expect(attr(v, 'Rule_Title')).toBe(t.title);
      expect(attr(v, 'Vuln_Discuss')).toBe(t.discussion);
      expect(attr(v, 'Check_Content')).toBe(t.checkText);
      expect(attr(v, 'Fix_Text')).toBe(t.fixText);
      expect(v.STIG_DATA.filter((d) => d.VULN_ATTRIBUTE === 'CCI_REF').map((d) => d.ATTRIBUTE_DATA)).toEqual(t.ccis);
      expect(attr(v, 'Severity')).toBe(r.severity === 'CAT I' ? 'high' : 'medium');
      expect(v.STATUS).toBe(
        { PASS: 'NotAFinding', FAIL: 'Open', NOT_APPLICABLE: 'Not_Applicable', MANUAL: 'Not_Reviewed' }[r.result],
      );
      expect(v.FINDING_DETAILS.startsWith(r.reason)).toBe(true);
      expect(v.COMMENTS).toContain(`scan ${record.scanId}`.replace('scan', 'Scan'));
    }
    expect(new Set(vulns.map((v) => v.STATUS))).toEqual(
      new Set(['NotAFinding', 'Open', 'Not_Applicable', 'Not_Reviewed']),
    );
  });

  it('carries values from the org exactly, escaped (markup, quotes, ampersands, XML-illegal characters)', async () => {
    const record = await sampleRecord();
    const xml = renderCkl(record);
    expect(xml).not.toContain('<script>');
    const pw = parse(xml).STIGS.iSTIG[0]!.VULN.find((v) => attr(v, 'Rule_Ver') === 'OKTA-APP-000650')!;
    expect(pw.STATUS).toBe('Open');
    expect(pw.FINDING_DETAILS).toContain('Contractors, "temp" <script>alert(1)</script>');
    // The failing object by name and type, before the raw evidence.
    expect(pw.FINDING_DETAILS).toContain(
      'Failing objects:\n- Password policy “Contractors, "temp" <script>alert(1)</script>”',
    );
    const token = parse(xml).STIGS.iSTIG[0]!.VULN.find((v) => attr(v, 'Rule_Ver') === 'OKTA-APP-003240')!;
    expect(token.FINDING_DETAILS).toContain('Failing objects:\n- API token “=HYPERLINK("http://x")”');

    const hostile: ScanRecord = { ...record, connection: { ...record.connection, name: 'A & B\u0001 ]]> <x>' } };
    const asset = parse(renderCkl(hostile)).ASSET;
    expect(asset.TARGET_COMMENT).toContain('connection A & B\uFFFD ]]> <x>');
  });

  it('renders a scan stored before the STIG texts (no SV rule id, no failing marks) as it always did: empty STIG fields', async () => {
    const record = await sampleRecord();
    const old: ScanRecord = {
      ...record,
      results: record.results.map(({ stigRuleId: _sv, ...r }) => ({
        ...r,
        evidence: r.evidence.map(({ failed: _f, ...e }) => e),
      })),
    };
    const pw = parse(renderCkl(old)).STIGS.iSTIG[0]!.VULN.find((v) => attr(v, 'Rule_Ver') === 'OKTA-APP-000650')!;
    for (const n of ['Rule_ID', 'Vuln_Discuss', 'Check_Content', 'Fix_Text']) expect(attr(pw, n), n).toBe('');
    expect(attr(pw, 'Rule_Title')).toBe('Passwords are at least 15 characters long');
    expect(pw.STIG_DATA.some((d) => d.VULN_ATTRIBUTE === 'CCI_REF')).toBe(false);
    expect(pw.FINDING_DETAILS).not.toContain('Failing objects');
  });

  it('is byte-identical when rendered again, and different for another scan', async () => {
    const record = await sampleRecord();
    expect(renderCkl(record)).toBe(renderCkl(await sampleRecord()));
    expect(renderCkl({ ...record, scanId: '6c1f2a9e-0000-4000-8000-0000000000b2' })).not.toBe(renderCkl(record));
  });
});
