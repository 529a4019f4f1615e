import type { AddressInfo } from 'node:net';
import { type Logger, createLogger } from '@butterfly/config';
import { type DB, type Kysely, createDb, createOrderedDb } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { addMember } from '@butterfly/domain/members';
import type { Role } from '@butterfly/domain/permissions';
import { SCIM_URN, createScimToken } from '@butterfly/domain/scim';
import { seedTenant, testDeps } from '@butterfly/domain/testing';
import { afterAll, vi } from 'vitest';
import type { RateLimiter } from '@butterfly/db/rate-limits';
import { createScimServer } from '../server.ts';
import type { TenantWriteGate } from '../tenant-gate.ts';
import { createScimTokenCache } from '../token-cache.ts';

export interface ScimResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A SCIM server on an ephemeral port over this test file's own database, and a client per tenant.
 * Call at the top level of an `*.integration.test.ts` file.
 */
export async function useScimServer(
  opts: { limiter?: RateLimiter; writeGate?: TenantWriteGate; log?: Logger; tokenCacheTtlMs?: number } = {},
) {
  const { db, url } = await useTestDatabase();
  const deps = testDeps(db);
  // The server's own pool prepares its statements, as main.ts does by default (decision 050).
  const serverDb = createDb(url, { max: 5, prepareStatements: true });
  // And its folded POSTs go through one ordered connection, as main.ts wires them.
  const ordered = createOrderedDb(url);
  afterAll(() => Promise.all([serverDb.destroy(), ordered.destroy()]));
  const log = opts.log ?? createLogger('scim-test', 'silent');
  // With a TTL: the token cache as deployed (decision 050), listening on this file's database.
  const tokens = opts.tokenCacheTtlMs ? createScimTokenCache({ url, log, ttlMs: opts.tokenCacheTtlMs }) : undefined;
  if (tokens) {
    afterAll(() => tokens.close());
    await vi.waitUntil(() => tokens.listening, { timeout: 10_000 });
  }
  const server = createScimServer({
    db: serverDb,
    log,
    keyring: deps.keyring,
    baseUrl: 'https://butterfly.test/scim/v2',
    limiter: opts.limiter,
    writeGate: opts.writeGate,
    tokens,
    ordered,
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function request(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<ScimResponse> {
    const headers: Record<string, string> = { 'User-Agent': 'Okta SCIM Client 1.0.0', ...opts.headers };
    if (opts.token) headers.Authorization ??= `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/scim+json';
    }
    const res = await fetch(`${origin}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** A tenant with a SCIM token, a super_admin seeded by hand, and a client bound to that token. */
  async function tenant() {
    const t = await seedTenant(deps);
    const owner = await addMember(deps, t.id, {
      email: `owner@${t.slug}.test`,
      role: 'super_admin',
      givenName: 'Olive',
      familyName: 'Owner',
    });
    const { token, id: tokenId } = await createScimToken(deps, t.id, { label: 'Okta' });
    const as = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      request(method, `/scim/v2${path}`, { token, body, headers });
    return { ...t, owner, token, tokenId, as };
  }

  return { db: db as Kysely<DB>, url, deps, origin, request, tenant, tokens };
}

let n = 0;
/** An Okta-style POST /Users body. */
export function oktaUser(
  userName = `user${Date.now().toString(36)}${n++}@globex.test`,
  extra: Record<string, unknown> = {},
) {
  return {
    schemas: [SCIM_URN.user],
    userName,
    name: { givenName: 'Ann', familyName: 'Lee' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: 'Ann Lee',
    locale: 'en-US',
    externalId: `00u${n}`,
    groups: [],
    password: 'tOp-Secret-From-Okta-1',
    active: true,
    ...extra,
  };
}

export const patchOp = (...Operations: unknown[]) => ({ schemas: [SCIM_URN.patchOp], Operations });
export const withRole = (role: Role) => ({ roles: [{ value: role, display: role, primary: true }] });
