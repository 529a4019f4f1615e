import { STIG_TEXTS } from '@butterfly/domain/compliance';
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderCklb } from './cklb.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('checklist.cklb (STIG Viewer 3)', () => {
  it('has the STIG Viewer 3 document shape with one rule per STIG vulnerability', async () => {
    const record = await sampleRecord();
    const doc = JSON.parse(renderCklb(record));
    expect(Object.keys(doc)).toEqual([
      'title',
      'id',
      'stigs',
      'active',
      'mode',
      'has_path',
      'target_data',
      'cklb_version',
    ]);
    expect(doc).toMatchObject({
      cklb_version: '1.0',
      target_data: {
        target_type: 'Computing',
        host_name: 'acme.okta.com',
        fqdn: 'acme.okta.com',
        is_web_database: false,
      },
    });
    expect(doc.id).toMatch(UUID);
    expect(doc.stigs).toHaveLength(1);
    const [stig] = doc.stigs;
    expect(stig).toMatchObject({
      stig_name: 'Okta Identity as a Service (IDaaS) Security Technical Implementation Guide',
      stig_id: 'Okta_IDaaS_STIG',
      version: '1',
      release_info: 'Release: 2',
      size: 29,
    });
    expect(stig.uuid).toMatch(UUID);
    expect(stig.rules).toHaveLength(29);
    const uuids = new Set<string>();
    for (const rule of stig.rules) {
      const r = record.results.find((x) => x.ruleId === rule.rule_version)!;
      const t = STIG_TEXTS[r.ruleId]!;
      expect(rule).toMatchObject({
        group_id: r.frameworks.stig,
        group_id_src: r.frameworks.stig,
        rule_id_src: t.ruleId,
        rule_id: t.ruleId!.replace(/_rule$/, ''),
        group_title: t.groupTitle,
        rule_title: t.title,
        discussion: t.discussion,
        check_content: t.checkText,
        fix_text: t.fixText,
        ccis: t.ccis,
        stig_uuid: stig.uuid,
      });
      expect(rule.status).toBe(
        { PASS: 'not_a_finding', FAIL: 'open', NOT_APPLICABLE: 'not_applicable', MANUAL: 'not_reviewed' }[r.result],
      );
      expect(rule.severity).toBe(r.severity === 'CAT I' ? 'high' : 'medium');
      expect(rule.finding_details.startsWith(r.reason)).toBe(true);
      expect(rule.comments).toContain(`rule ${r.ruleId}`);
      expect(rule.uuid).toMatch(UUID);
      expect(
        Array.isArray(rule.ccis) && Array.isArray(rule.legacy_ids) && rule.group_tree[0].id === r.frameworks.stig,
      ).toBe(true);
      uuids.add(rule.uuid);
    }
    expect(uuids.size).toBe(29);
    expect(stig.rules.map((r: { group_id: string }) => r.group_id)).toEqual(
      [...stig.rules.map((r: { group_id: string }) => r.group_id)].sort(),
    );
  });

  it('is byte-identical when rendered again; its ids follow the scan', async () => {
    const record = await sampleRecord();
    expect(renderCklb(record)).toBe(renderCklb(await sampleRecord()));
    const other = JSON.parse(renderCklb({ ...record, scanId: '6c1f2a9e-0000-4000-8000-0000000000b2' }));
    expect(other.id).not.toBe(JSON.parse(renderCklb(record)).id);
  });
});
