import { expect, test } from 'vitest';
import { governorCeiling } from './client.ts';

const oauth = { kind: 'oauth' as const, clientId: '0oaSvc', privateKey: 'pem' };

test("decision 047: an OAuth service app stays within its share of each bucket (Okta's 50 % unless set); SSWS keeps the reserve", () => {
  expect(governorCeiling({ credentials: oauth })).toEqual({ share: 0.5 });
  expect(governorCeiling({ credentials: oauth, rateLimitShare: 80 })).toEqual({ share: 0.8 });
  expect(governorCeiling({ credentials: oauth, rateLimitShare: 20 })).toEqual({ share: 0.2 });
  // SSWS: no share; the governor's reserve (20 % left to the customer) applies.
  expect(governorCeiling({ credentials: { kind: 'ssws', token: 't' }, rateLimitShare: 80 })).toEqual({});
});
