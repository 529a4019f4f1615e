import { describe, expect, it } from 'vitest';
import { ConfigError, databaseEnv, scimEnv, webEnv } from './index.ts';

describe('configuration', () => {
  it('defaults to the embedded database on port 54329', () => {
    const env = databaseEnv({});
    expect(env.embedded).toBe(true);
    expect(env.BUTTERFLY_PG_PORT).toBe(54329);
  });

  it('requires a master key when DATABASE_URL is set, naming the field', () => {
    expect(() => databaseEnv({ DATABASE_URL: 'postgres://x@127.0.0.1/db' })).toThrowError(/BUTTERFLY_MASTER_KEY/);
  });

  it('rejects a malformed master key and port with field-level messages', () => {
    try {
      databaseEnv({ BUTTERFLY_MASTER_KEY: 'short', BUTTERFLY_PG_PORT: 'abc' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const issues = (e as ConfigError).issues.join('\n');
      expect(issues).toMatch(/BUTTERFLY_MASTER_KEY: must be 32 bytes/);
      expect(issues).toMatch(/BUTTERFLY_PG_PORT/);
    }
  });

  it('treats empty strings as unset', () => {
    expect(databaseEnv({ DATABASE_URL: '' }).embedded).toBe(true);
  });

  it('derives secure cookies from an https APP_URL', () => {
    expect(webEnv({}).secureCookies).toBe(false);
    expect(webEnv({ APP_URL: 'https://bfy.example.com/' })).toMatchObject({
      secureCookies: true,
      APP_URL: 'https://bfy.example.com',
    });
  });

  it('derives the SCIM public URL from the port', () => {
    expect(scimEnv({ SCIM_PORT: '4999' }).SCIM_PUBLIC_URL).toBe('http://localhost:4999/scim/v2');
  });
});
