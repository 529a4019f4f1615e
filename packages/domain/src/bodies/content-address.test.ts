import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit/audit.fns.ts';
import { addressHasher, canonical } from './content-address.fns.ts';
import { contentAddress } from '../bodies/object-codec.fns.ts';

const samples: unknown[] = [
  {
    id: '00u1',
    status: 'ACTIVE',
    profile: { login: 'ann@acme.test', zeta: null, alpha: [1, 2.5, -0, 1e21, 'x'] },
    created: '2026-01-01T00:00:00.000Z',
  },
  {
    'weird key "quoted"': 'línea\nnueva\u2028',
    emoji: '🦋',
    nested: { b: { d: [], c: {} }, a: [[{ z: 1, y: false }]] },
  },
  [{ b: 1, a: 2 }, null, true, 'é'],
  { sparse: [1, null, 3], n: 0, neg: -12.75, big: 1.2345678901234567e19 },
  'just a string',
  42,
  null,
];

describe('the fast content address', () => {
  it('writes the same canonical JSON as the audit chain does', () => {
    for (const s of samples) expect(canonical(s)).toBe(canonicalJson(s));
  });

  it('equals contentAddress byte for byte, under any key', () => {
    for (let k = 0; k < 3; k++) {
      const key = randomBytes(32);
      const fast = addressHasher(key);
      // What every stored address was defined as: HMAC over type, NUL, and the audit chain's canonical JSON.
      const reference = (type: string, body: unknown) =>
        createHmac('sha256', key).update(type).update('\0').update(canonicalJson(body)).digest();
      for (const s of samples) {
        expect(fast('group', s).equals(reference('group', s))).toBe(true);
        expect(contentAddress(key, 'group', s).equals(reference('group', s))).toBe(true);
      }
      expect(fast('user', samples[0]).equals(contentAddress(key, 'group', samples[0]))).toBe(false);
    }
  });
});
