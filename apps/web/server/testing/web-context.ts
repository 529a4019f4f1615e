import { createLogger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import type { Keyring } from '@butterfly/domain/crypto';
import type { AppLoadContext } from '@remix-run/node';
import { type WebSettings, createWebServices } from '../services.ts';

export const TEST_APP_URL = 'http://localhost:3000';
export const TEST_EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';

/** Web services as a test server has them: private URLs allowed (fake IdPs on 127.0.0.1), one extension. */
export const testServices = (overrides: Partial<WebSettings> = {}) =>
  createWebServices({
    appUrl: TEST_APP_URL,
    secureCookies: false,
    cookieSecret: 'test-secret',
    allowPrivateUrls: true,
    extensionIds: [TEST_EXTENSION_ID],
    ...overrides,
  });

/** The load context Remix would hand a loader or action, for calling server modules directly. */
export function testContext(db: Kysely<DB>, keyring: Keyring, services = testServices()): AppLoadContext {
  return {
    db,
    log: createLogger('test', 'silent'),
    keyring,
    requestId: 'test',
    cspNonce: 'n',
    services,
    client: { ip: null, userAgent: null },
  };
}
