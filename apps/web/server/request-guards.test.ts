import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import { createKeyring } from '@butterfly/domain/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { TEST_EXTENSION_ID } from './testing/web-context.ts';

// Without a Remix build, a request the guards let through ends in the app's own 404: 404 = passed, 403 = refused.
const app = createApp({
  db: {} as Kysely<DB>,
  log: createLogger('test', 'silent'),
  keyring: createKeyring(Buffer.alloc(32, 3)),
  https: false,
  web: {
    appUrl: 'http://localhost:3000',
    cookieSecret: 's',
    allowPrivateUrls: true,
    extensionIds: [TEST_EXTENSION_ID],
  },
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
afterAll(() => new Promise<void>((done) => server.close(() => done())));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const EXTENSION = `chrome-extension://${TEST_EXTENSION_ID}`;
const crossSite = {
  origin: 'https://evil.test',
  'sec-fetch-site': 'cross-site',
  cookie: 'bfy_session=stolen-by-the-browser',
};

const post = (path: string, headers: Record<string, string>) =>
  fetch(`${base}${path}`, { method: 'POST', headers, body: 'x=1' });

describe('CSRF exemptions', () => {
  it('let the logout receivers and token endpoints through: they authenticate by what they carry, never by cookie', async () => {
    for (const path of [
      '/sso/acme/backchannel-logout',
      '/sso/acme/universal-logout',
      '/oauth/token',
      '/oauth/revoke',
    ]) {
      expect((await post(path, crossSite)).status, path).toBe(404);
    }
  });

  it('let the API through only with a Bearer credential (whose principal ignores cookies)', async () => {
    expect((await post('/api/trpc/tokens.create', { ...crossSite, authorization: 'Bearer bfy_x' })).status).toBe(404);
    expect((await post('/api/trpc/tokens.create', crossSite)).status).toBe(403);
    expect((await post('/api/trpc/tokens.create', { ...crossSite, authorization: 'Basic eDp5' })).status).toBe(403);
    expect((await post('/api/trpc/tokens.create', { ...crossSite, authorization: 'Bearer' })).status).toBe(403);
  });

  it('stay narrow: no other path, no look-alike path, no Bearer header elsewhere', async () => {
    for (const path of [
      '/logout',
      '/settings/api-tokens',
      '/sso/acme/callback',
      '/sso/acme/backchannel-logout/x',
      '/oauth/token/',
      '/oauth/authorize',
      '/apix/trpc/me.get',
    ]) {
      expect((await post(path, { ...crossSite, authorization: 'Bearer bfy_x' })).status, path).toBe(403);
    }
  });
});

describe('CORS for the extension', () => {
  it('answers preflights from a registered extension origin on the token and API paths, without credentials', async () => {
    for (const path of ['/oauth/token', '/oauth/revoke', '/api/trpc/me.get']) {
      const res = await fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: EXTENSION,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION);
      expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
    expect((await post('/oauth/token', { origin: EXTENSION })).headers.get('access-control-allow-origin')).toBe(
      EXTENSION,
    );
  });

  it('says nothing to other origins, and nothing on other paths', async () => {
    for (const [path, origin] of [
      ['/oauth/token', 'https://evil.test'],
      ['/oauth/token', 'chrome-extension://pppppppppppppppppppppppppppppppp'],
      ['/settings/api-tokens', EXTENSION],
      ['/oauth/authorize', EXTENSION],
    ] as const) {
      const res = await fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(res.headers.get('access-control-allow-origin'), `${origin} ${path}`).toBeNull();
    }
  });
});
