import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveCookieSecret } from './cookie-secret.ts';

describe('deriveCookieSecret', () => {
  it('is stable per master key, differs between keys, and is not the audit-chain derivation', () => {
    const key = Buffer.alloc(32, 1);
    expect(deriveCookieSecret(key)).toBe(deriveCookieSecret(Buffer.alloc(32, 1)));
    expect(deriveCookieSecret(key)).not.toBe(deriveCookieSecret(Buffer.alloc(32, 2)));
    expect(Buffer.from(deriveCookieSecret(key), 'base64url')).toHaveLength(32);
    const audit = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'butterfly audit chain v1', 32)).toString(
      'base64url',
    );
    expect(deriveCookieSecret(key)).not.toBe(audit);
    expect(deriveCookieSecret(key)).not.toContain(key.toString('base64url'));
  });
});
