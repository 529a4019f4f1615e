import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { useTestDatabase } from '@butterfly/db/testing';
import { createKeyring } from '@butterfly/domain/crypto';
import { createSession, resolveSession } from '@butterfly/domain/sessions';
import { setSsoSettings } from '@butterfly/domain/sso';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { routeBuild } from '../../server/testing/route-build.ts';
import * as frontchannelRoute from '../routes/sso.$tenant.frontchannel-logout.ts';

/** The front-channel receiver over real HTTP, as Entra's iframe reaches it: the headers are the point. */
const { db } = await useTestDatabase();
const deps = testDeps(db, undefined, Buffer.alloc(32, 3));
const app = createApp({
  db,
  log: createLogger('web-test', 'silent'),
  keyring: createKeyring(Buffer.alloc(32, 3)),
  https: true,
  web: { appUrl: 'https://bfy.example.com', cookieSecret: 'test-cookie-secret', allowPrivateUrls: true },
  build: routeBuild({ fcl: { path: 'sso/:tenant/frontchannel-logout', module: frontchannelRoute } }),
});
const server = app.listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
afterAll(() => new Promise<void>((done) => server.close(() => done())));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('GET /sso/<tenant>/frontchannel-logout over HTTP', () => {
  it('ends the session and lets only the tenant’s Entra authority frame the answer', async () => {
    const t = await seedTenant(deps);
    await setSsoSettings(deps, t.id, {
      provider: 'entra',
      directoryId: randomUUID(),
      authorityUrl: 'https://login.microsoftonline.us',
      clientId: 'c',
      clientSecret: 's',
    });
    const m = await seedMember(deps, t.id, 'read_only');
    const s = await db
      .transaction()
      .execute((trx) =>
        createSession(
          { ...deps, db: trx },
          { tenantId: t.id, memberId: m.id, authMethod: 'sso', idpSessionId: 'sid-http' },
        ),
      );
    const res = await fetch(`${base}/sso/${t.slug}/frontchannel-logout?sid=sid-http`, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'iframe' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Signed out of Butterfly');
    expect(res.headers.get('x-frame-options')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    // Two policies (app-wide, then the route's); browsers enforce both.
    expect(csp).toContain('frame-ancestors https://login.microsoftonline.us');
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await resolveSession(deps, s.raw)).toBeNull();
  });

  it('keeps every other path unframeable', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
