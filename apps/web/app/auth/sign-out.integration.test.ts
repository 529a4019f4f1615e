import { createLogger } from '@butterfly/config';
import { useTestDatabase } from '@butterfly/db/testing';
import { createRecoveryLink, redeemRecoveryLink } from '@butterfly/domain/recovery';
import { createSession, resolveSession } from '@butterfly/domain/sessions';
import { setSsoSettings } from '@butterfly/domain/sso';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, describe, expect, it } from 'vitest';
import { createWebServices } from '../../server/services.ts';
import { startFakeIdp } from '../../server/testing/fake-idp.ts';
import { authCookies } from './cookies.server.ts';
import { signOut } from './sign-out.server.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const idp = await startFakeIdp();
afterAll(() => idp.close());
const services = createWebServices({
  appUrl: 'http://localhost:3000',
  secureCookies: false,
  cookieSecret: 's',
  allowPrivateUrls: true,
});
const context = (): AppLoadContext => ({
  db,
  log: createLogger('test', 'silent'),
  keyring: deps.keyring,
  requestId: 'sign-out-test',
  cspNonce: 'n',
  services,
  client: { ip: null, userAgent: null },
});
const cookies = authCookies(services);

/** Remix's client submits by fetch (`Sec-Fetch-Mode: cors`); a browser without JavaScript navigates. */
async function submit(sessionRaw: string, idToken: string | undefined, mode: 'cors' | 'navigate') {
  const pairs = [(await cookies.session.serialize(sessionRaw)).split(';')[0]];
  if (idToken) pairs.push((await cookies.idTokenHint.serialize(idToken)).split(';')[0]);
  return signOut(
    new Request('http://localhost:3000/logout', {
      method: 'POST',
      headers: { cookie: pairs.join('; '), 'sec-fetch-mode': mode },
    }),
    context(),
  );
}

async function post(sessionRaw: string, idToken?: string) {
  const res = await submit(sessionRaw, idToken, 'cors');
  if (!(res instanceof Response)) throw new Error('expected a redirect');
  return res;
}

describe('signOut', () => {
  it('ends the session, clears the cookies and continues to the IdP with id_token_hint', async () => {
    const t = await seedTenant(deps);
    await setSsoSettings(deps, t.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
    const m = await seedMember(deps, t.id, 'read_only');
    const s = await db
      .transaction()
      .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso' }));
    const res = await post(s.raw, 'the.id.token');
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${idp.issuer}/logout`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      id_token_hint: 'the.id.token',
      client_id: idp.clientId,
      post_logout_redirect_uri: 'http://localhost:3000/signed-out',
    });
    expect(res.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['bfy_session', 'bfy_idt']);
    expect(res.headers.getSetCookie().every((c) => c.includes('Max-Age=0'))).toBe(true);
    expect(await resolveSession(deps, s.raw)).toBeNull();
  });

  it('stays local for a recovery session, and for no session at all', async () => {
    const t = await seedTenant(deps);
    await setSsoSettings(deps, t.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
    const boss = await seedMember(deps, t.id, 'super_admin');
    const { session } = await redeemRecoveryLink(
      deps,
      (await createRecoveryLink(deps, t.id, { email: boss.email })).token,
    );
    expect((await post(session.raw)).headers.get('location')).toBe('/signed-out');
    expect(await resolveSession(deps, session.raw)).toBeNull();
    expect((await post('bfyss_unknown')).headers.get('location')).toBe('/signed-out');
  });

  it('without JavaScript, answers a page that refreshes to the IdP (a form redirect there is blocked by CSP)', async () => {
    const t = await seedTenant(deps);
    await setSsoSettings(deps, t.id, { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
    const m = await seedMember(deps, t.id, 'read_only');
    const s = await db
      .transaction()
      .execute((trx) => createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso' }));
    const answer = await submit(s.raw, 'the.id.token', 'navigate');
    if (answer instanceof Response) throw new Error(`expected the hand-off page, got a ${answer.status}`);
    const res = answer as Extract<typeof answer, { data: unknown }>;
    const to = new URL(res.data.handOff);
    expect(`${to.origin}${to.pathname}`).toBe(`${idp.issuer}/logout`);
    expect(to.searchParams.get('id_token_hint')).toBe('the.id.token');
    const headers = new Headers(res.init?.headers);
    expect(headers.get('refresh')).toBe(`0; url=${to.href}`);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['bfy_session', 'bfy_idt']);
    expect(await resolveSession(deps, s.raw)).toBeNull();
    // Nothing to hand off to: the same redirect as with JavaScript (same-origin, allowed by form-action).
    const local = await submit('bfyss_unknown', undefined, 'navigate');
    expect(local instanceof Response && local.headers.get('location')).toBe('/signed-out');
  });
});
