import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../testing/sample-record.ts';
import { renderCsv } from './csv.ts';

/** A small RFC 4180 parser, so the test reads the file the way a spreadsheet would. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  const endField = () => {
    row.push(f);
    f = '';
  };
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted && c === '"' && csv[i + 1] === '"') {
      f += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endField();
    } else if (!quoted && c === '\r' && csv[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      f += c;
    }
  }
  return rows;
}

describe('results.csv', () => {
  it('is RFC 4180: CRLF rows of equal width, quotes doubled, one row per piece of evidence', async () => {
    const record = await sampleRecord();
    const csv = renderCsv(record);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv);
    expect(rows[0]?.[0]).toBe('rule_id');
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([17]));
    const evidenceRows = record.results.reduce((n, r) => n + Math.max(1, r.evidence.length), 0);
    expect(rows).toHaveLength(1 + evidenceRows);
    const minLength = rows.find((r) => r[0] === 'OKTA-APP-000650');
    expect(minLength?.[5]).toContain('"Contractors, "temp" <script>');
    expect(minLength?.[15]).toBe('8');
    expect(rows[0]?.slice(9, 12)).toEqual(['hipaa', 'pci_dss_4', 'cis_v8']);
    expect(rows[0]?.[16]).toBe('exception');
    expect(minLength?.slice(9, 12)).toEqual(['164.312(d)', '8.3.6', '5.2']);
  });

  it('defuses values a spreadsheet would run as formulas', async () => {
    const rows = parse(renderCsv(await sampleRecord()));
    const token = rows.find((r) => r[0] === 'OKTA-APP-003240' && r[14] === 'network.connection');
    expect(token?.[15]).toBe('ANYWHERE');
    expect(rows.flat().some((v) => v.startsWith('='))).toBe(false);
  });
});
