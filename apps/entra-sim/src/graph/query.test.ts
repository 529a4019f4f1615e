import { describe, expect, it } from 'vitest';
import { applyFilter, parseFilter, parseSelect, parseTop, project, QueryError } from './query.ts';

const items = [
  {
    id: '1',
    displayName: "O'Brien Team",
    groupTypes: ['Unified'],
    securityEnabled: false,
    onPremisesImmutableId: null,
    nested: { n: 2 },
  },
  { id: '2', displayName: 'Ops', groupTypes: [], securityEnabled: true, nested: { n: 3 } },
  {
    id: '3',
    displayName: 'Other',
    groupTypes: ['DynamicMembership', 'Unified'],
    securityEnabled: true,
    nested: { n: 3 },
  },
];
const ids = (filter: string) => applyFilter(items, parseFilter(filter)).map((i) => i.id);

describe('$filter', () => {
  it('eq on strings (case-insensitive, quotes doubled), booleans, numbers, null and nested paths, joined by and', () => {
    expect(ids("displayName eq 'o''brien team'")).toEqual(['1']);
    expect(ids('securityEnabled eq true and nested/n eq 3')).toEqual(['2', '3']);
    expect(ids('onPremisesImmutableId eq null')).toEqual(['1', '2', '3']);
  });

  it('in, startswith and any', () => {
    expect(ids("id in ('1', '3')")).toEqual(['1', '3']);
    expect(ids("startswith(displayName,'o')")).toEqual(['1', '2', '3']);
    expect(ids("startswith(displayName,'Op') and securityEnabled eq true")).toEqual(['2']);
    expect(ids("groupTypes/any(c:c eq 'unified')")).toEqual(['1', '3']);
  });

  it('ge, le, gt and lt on a date, unquoted as Graph takes them (audit logs by activityDateTime)', () => {
    const audits = ['2026-12-07T10:00:00Z', '2026-12-07T11:00:00.5Z', '2026-12-07T12:00:00Z'].map((at, i) => ({
      id: String(i),
      activityDateTime: at,
    }));
    const pick = (f: string) => applyFilter(audits, parseFilter(f)).map((i) => i.id);
    expect(pick('activityDateTime ge 2026-12-07T11:00:00Z and activityDateTime le 2026-12-07T12:00:00Z')).toEqual([
      '1',
      '2',
    ]);
    expect(pick('activityDateTime gt 2026-12-07T10:00:00Z and activityDateTime lt 2026-12-07T12:00:00Z')).toEqual([
      '1',
    ]);
    expect(pick('activityDateTime le 2026-12-07T12:00:00+01:00')).toEqual(['0']);
    expect(() => parseFilter("activityDateTime ge '2026-12-07'")).toThrow(QueryError);
  });

  it('refuses what Graph would not take here', () => {
    for (const f of [
      "displayName ne 'x'",
      "displayName eq 'x' or id eq '1'",
      "endswith(displayName,'s')",
      "displayName eq 'x' and",
      'eq 1',
    ])
      expect(() => parseFilter(f), f).toThrow(QueryError);
  });
});

describe('$select and $top', () => {
  it('keeps only the selected properties', () => {
    expect(project(items[0]!, parseSelect('id,displayName'))).toEqual({ id: '1', displayName: "O'Brien Team" });
    expect(() => parseSelect('id,(x)')).toThrow(QueryError);
  });

  it('$top is 1..999', () => {
    expect(parseTop('999')).toBe(999);
    expect(parseTop(null)).toBeUndefined();
    for (const t of ['0', '1000', 'x', '1.5']) expect(() => parseTop(t)).toThrow(QueryError);
  });
});
