import { describe, expect, it } from 'vitest';
import { objectLabel, matchesSearch } from './object-label.fns.ts';
import { MASK, redactChange, redactSecrets } from './redact.fns.ts';

const MARKER = '[redacted by Butterfly: re-enter on restore]';

describe('redactSecrets', () => {
  it('masks secret-looking strings the connector did not know, and lists every secret path', () => {
    const body = {
      id: '0oa1',
      credentials: { oauthClient: { client_id: 'abc', client_secret: MARKER }, signing: { kid: 'k1' } },
      settings: { app: { apiKey: 'sk_live_123', customToken: 'x' }, password: { minLength: 12 } },
      channel: { config: { authScheme: { type: 'HEADER', key: 'Authorization', value: 'Bearer abc' } } },
      keys: [{ kty: 'RSA', n: 'modulus', e: 'AQAB', d: 'private-exponent' }],
      notes: '-----BEGIN PRIVATE KEY-----\nMII...\n-----END PRIVATE KEY-----',
      tokenLifetimeMinutes: 60,
    };
    const { body: out, secrets } = redactSecrets(body);
    expect(out).toMatchObject({
      credentials: { oauthClient: { client_id: 'abc', client_secret: MARKER }, signing: { kid: 'k1' } },
      settings: { app: { apiKey: MASK, customToken: 'x' }, password: { minLength: 12 } },
      channel: { config: { authScheme: { type: 'HEADER', key: 'Authorization', value: MASK } } },
      keys: [{ kty: 'RSA', n: 'modulus', e: 'AQAB', d: MASK }],
      notes: MASK,
      tokenLifetimeMinutes: 60,
    });
    expect(secrets.sort()).toEqual([
      '$.channel.config.authScheme.value',
      '$.credentials.oauthClient.client_secret',
      '$.keys[0].d',
      '$.notes',
      '$.settings.app.apiKey',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/sk_live|Bearer abc|private-exponent|BEGIN PRIVATE/);
  });

  it('masks both sides of a changed secret in a diff, and secrets inside changed objects', () => {
    expect(
      redactChange({ path: '$.settings.token', before: 'old-token', after: 'new-token', kind: 'changed' }),
    ).toEqual({ path: '$.settings.token', before: MASK, after: MASK, kind: 'changed' });
    expect(redactChange({ path: '$.settings', after: { clientSecret: 's3cr3t', n: 1 }, kind: 'added' })).toEqual({
      path: '$.settings',
      after: { clientSecret: MASK, n: 1 },
      kind: 'added',
    });
    expect(redactChange({ path: '$.password.minLength', before: 8, after: 12, kind: 'changed' })).toMatchObject({
      before: 8,
      after: 12,
    });
  });
});

describe('objectLabel', () => {
  it('finds the name people use, else the id', () => {
    expect(objectLabel({ profile: { name: 'Everyone' } }, '00g1')).toBe('Everyone');
    expect(objectLabel({ profile: { login: 'ann@acme.test' } }, '00u1')).toBe('ann@acme.test');
    expect(objectLabel({ label: 'Salesforce', name: 'salesforce' }, '0oa1')).toBe('Salesforce');
    expect(objectLabel({}, '00x1')).toBe('00x1');
    expect(matchesSearch('EVERY', '00g1', 'Everyone')).toBe(true);
    expect(matchesSearch('00g', '00g1', 'Everyone')).toBe(true);
    expect(matchesSearch('admins', '00g1', 'Everyone')).toBe(false);
  });
});
