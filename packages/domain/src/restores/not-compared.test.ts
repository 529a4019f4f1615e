import { describe, expect, it } from 'vitest';
import { NOT_COMPARED_NAMES, humanReason, notComparedCaveat } from './not-compared.fns.ts';

describe('not compared caveats', () => {
  it('says what a 404 means for a restore, with the count of objects left uncompared', () => {
    const c = notComparedCaveat({
      type: 'group_rule',
      label: 'Group rule',
      reason: 'Okta answered 404 E0000007: Not found: Resource not found',
      count: 12,
      names: ['Engineering', 'Sales'],
    });
    expect(c).toMatchObject({ kind: 'not_compared', type: 'group_rule', count: 12, names: ['Engineering', 'Sales'] });
    expect(c.message).toBe(
      'Group rule: 12 objects not compared — Okta answered 404 (not found) for them; they may have been deleted since the snapshot',
    );
  });

  it('keeps a bounded list of names and singular wording for one object', () => {
    const names = Array.from({ length: NOT_COMPARED_NAMES + 5 }, (_, i) => `g${i}`);
    const c = notComparedCaveat({
      type: 'group',
      label: 'Groups',
      reason: 'Okta answered 403 E0000006: You do not have permission',
      count: 1,
      names,
    });
    expect(c.kind === 'not_compared' && c.names).toHaveLength(NOT_COMPARED_NAMES);
    expect(c.message).toMatch(/^Groups: 1 object not compared — Okta answered 403 \(not allowed\)/);
  });

  it('names a missing feature, a server error and an unknown reason distinctly', () => {
    expect(humanReason('Okta answered 400 E0000015: You do not have permission to access the feature')).toMatch(
      /does not have the feature/,
    );
    expect(humanReason('Okta answered 503: Service unavailable')).toMatch(/503 \(a server error\)/);
    expect(humanReason('socket hang up')).toBe('they could not be read live (socket hang up)');
  });
});
