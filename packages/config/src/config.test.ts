import { describe, expect, it } from 'vitest';
import { ConfigError, databaseEnv, parseDnsServer, scimEnv, webEnv } from './index.ts';

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

  it('allows private issuer addresses by default only for a localhost dashboard', () => {
    expect(webEnv({}).BUTTERFLY_ALLOW_PRIVATE_URLS).toBe(true);
    expect(webEnv({ APP_URL: 'http://127.0.0.1:3000' }).BUTTERFLY_ALLOW_PRIVATE_URLS).toBe(true);
    expect(webEnv({ APP_URL: 'https://bfy.example.com' }).BUTTERFLY_ALLOW_PRIVATE_URLS).toBe(false);
    expect(webEnv({ APP_URL: 'http://localhost.example.com' }).BUTTERFLY_ALLOW_PRIVATE_URLS).toBe(false);
    expect(
      webEnv({ APP_URL: 'https://bfy.example.com', BUTTERFLY_ALLOW_PRIVATE_URLS: 'true' }).BUTTERFLY_ALLOW_PRIVATE_URLS,
    ).toBe(true);
    expect(webEnv({ BUTTERFLY_ALLOW_PRIVATE_URLS: '0' }).BUTTERFLY_ALLOW_PRIVATE_URLS).toBe(false);
    expect(() => webEnv({ BUTTERFLY_ALLOW_PRIVATE_URLS: 'yes please' })).toThrowError(
      /BUTTERFLY_ALLOW_PRIVATE_URLS: must be true or false/,
    );
  });

  it('takes a DNS server as an IP with an optional port, never a host name', () => {
    expect(webEnv({}).BUTTERFLY_DNS_SERVER).toBeUndefined();
    expect(parseDnsServer('10.0.0.53')).toEqual({ host: '10.0.0.53', port: undefined });
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseDnsServer('[2001:db8::53]:53')).toEqual({ host: '2001:db8::53', port: 53 });
    expect(parseDnsServer('2001:db8::53')).toEqual({ host: '2001:db8::53' });
    for (const bad of ['dns.example.com', '10.0.0.53:0', '10.0.0.53:99999', '[dns]:53', ''])
      expect(parseDnsServer(bad), bad).toBeUndefined();
    expect(() => webEnv({ BUTTERFLY_DNS_SERVER: 'dns.example.com' })).toThrowError(/BUTTERFLY_DNS_SERVER/);
  });

  it('takes Chrome extension ids as a comma-separated list, and nothing else', () => {
    const id = 'abcdefghijklmnopabcdefghijklmnop';
    expect(webEnv({}).BUTTERFLY_EXTENSION_IDS).toEqual([]);
    expect(webEnv({ BUTTERFLY_EXTENSION_IDS: ` ${id}, ${'p'.repeat(32)} ,` }).BUTTERFLY_EXTENSION_IDS).toEqual([
      id,
      'p'.repeat(32),
    ]);
    for (const bad of ['https://evil.test', 'abc', 'z'.repeat(32), `${id}/`]) {
      expect(() => webEnv({ BUTTERFLY_EXTENSION_IDS: bad }), bad).toThrowError(/BUTTERFLY_EXTENSION_IDS/);
    }
  });
});
