import { describe, expect, it } from 'vitest';
import { filtersQuery, parseAuditFilters } from './filters.ts';

const parse = (q: string) => parseAuditFilters(new URLSearchParams(q));

describe('parseAuditFilters', () => {
  it('turns UTC days into a half-open range that includes the whole last day', () => {
    expect(parse('actor=%20Ann%20&action=member.&from=2026-03-01&to=2026-03-02')).toEqual({
      values: { actor: 'Ann', action: 'member.', from: '2026-03-01', to: '2026-03-02' },
      input: { actor: 'Ann', action: 'member.', from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
      errors: {},
    });
    expect(parse('')).toEqual({ values: { actor: '', action: '', from: '', to: '' }, input: {}, errors: {} });
  });

  it('names bad dates and a reversed range instead of failing, and drops them from the query', () => {
    expect(parse('from=yesterday&to=2026-02-30')).toMatchObject({
      input: {},
      errors: { from: expect.any(String), to: expect.any(String) },
    });
    const reversed = parse('from=2026-03-05&to=2026-03-01&action=x');
    expect(reversed.errors).toEqual({ to: 'The end date must not be before the start date.' });
    expect(reversed.input).toEqual({ action: 'x' });
    expect(parse('from=2026-03-01&to=2026-03-01').input).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
  });

  it('caps what it reads', () => {
    expect(parse(`actor=${'a'.repeat(500)}`).values.actor).toHaveLength(200);
  });
});

describe('filtersQuery', () => {
  it('leaves empty filters out and adds extras', () => {
    expect(filtersQuery({ actor: 'ann b', action: '', from: '2026-03-01', to: '' }, { before: '17' })).toBe(
      '?actor=ann+b&from=2026-03-01&before=17',
    );
    expect(filtersQuery({ actor: '', action: '', from: '', to: '' })).toBe('');
  });
});
