import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { DB, Kysely } from '@butterfly/db';
import { createKeyring } from '@butterfly/domain/crypto';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { redactUrl } from './log-redaction.ts';

const SECRET = 'S3cr3tV4lue';

describe('redactUrl', () => {
  it.each([
    [`/recover/bfyrl_${SECRET}`, '/recover/[redacted]'],
    [`/recover/bfyrl_${SECRET}.data`, '/recover/[redacted]'],
    [
      `/sso/acme/callback?code=${SECRET}&state=${SECRET}&iss=https%3A%2F%2Fidp`,
      '/sso/acme/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp',
    ],
    [`/oauth/handoff?code=${SECRET}&state=x`, '/oauth/handoff?code=[redacted]&state=[redacted]'],
    [
      `/x?Token=${SECRET}&refresh_token=${SECRET}&id_token=${SECRET}&logout_token=${SECRET}`,
      '/x?Token=[redacted]&refresh_token=[redacted]&id_token=[redacted]&logout_token=[redacted]',
    ],
    [
      `/x?client_secret=${SECRET}&code_verifier=${SECRET}&access_token=${SECRET}&id_token_hint=${SECRET}`,
      '/x?client_secret=[redacted]&code_verifier=[redacted]&access_token=[redacted]&id_token_hint=[redacted]',
    ],
    [`/login?returnTo=${encodeURIComponent(`/oauth/authorize?state=${SECRET}`)}`, '/login?returnTo=[redacted]'],
    [`/x?%63ode=${SECRET}`, '/x?%63ode=[redacted]'],
    ['/members?page=2', '/members?page=2'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(url)).not.toContain(SECRET);
  });

  it('bounds what it returns', () => {
    expect(redactUrl(`/x${'a'.repeat(5_000)}`).length).toBeLessThanOrEqual(300);
  });
});

describe('request logs over HTTP', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = createApp({
    db: {} as Kysely<DB>,
    log: pino({ level: 'debug' }, sink),
    keyring: createKeyring(Buffer.alloc(32, 5)),
    https: false,
    web: { appUrl: 'http://localhost:3000', cookieSecret: 's', allowPrivateUrls: true },
  });
  const server = app.listen(0, '127.0.0.1');
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('never write a recovery token, an OAuth code or state, or a token parameter', async () => {
    await new Promise((ok) => (server.listening ? ok(null) : server.once('listening', ok)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${base}/recover/bfyrl_${SECRET}`);
    await fetch(`${base}/sso/acme/callback?code=${SECRET}&state=${SECRET}`);
    await fetch(`${base}/oauth/handoff?code=${SECRET}`);
    // Refused by the CSRF guard, which logs the refusal too.
    await fetch(`${base}/recover/bfyrl_${SECRET}`, { method: 'POST', headers: { origin: 'https://evil.test' } });
    await new Promise((ok) => setTimeout(ok, 50));
    const text = lines.join('');
    expect(text).toContain('/recover/[redacted]');
    expect(text).toContain('cross-site request refused');
    expect(text).not.toContain(SECRET);
  });
});
