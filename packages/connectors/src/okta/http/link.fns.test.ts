import { describe, expect, it } from 'vitest';
import { nextLink } from './link.fns.ts';

describe('Link header', () => {
  it('finds rel="next" among several links, verbatim', () => {
    const h =
      '<https://a.okta.com/api/v1/users?limit=200>; rel="self", <https://a.okta.com/api/v1/users?after=00u%2Cx&limit=200>; rel="next"';
    expect(nextLink(h)).toBe('https://a.okta.com/api/v1/users?after=00u%2Cx&limit=200');
  });

  it('has none on the last page', () => {
    expect(nextLink('<https://a.okta.com/api/v1/users?limit=200>; rel="self"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
