import { describe, expect, it } from 'vitest';
import type { GuardedFetch } from '../shared/guarded-fetch.ts';
import { SignedOutError, butterflySession } from './butterfly.ts';
import { memoryArea } from './store.ts';

const URL_ = 'https://bfy.example.com';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A Butterfly that rotates refresh tokens (reuse is theft: it ends the family) and accepts only current access tokens. */
function fakeButterfly() {
  const state = { refresh: 'bfyr_1', access: 'at_1', n: 1, revoked: false, refreshes: 0, calls: [] as string[] };
  const send: GuardedFetch = async (url, init = {}) => {
    const path = new URL(url).pathname;
    state.calls.push(path);
    if (path === '/oauth/token') {
      state.refreshes++;
      const form = new URLSearchParams(String(init.body));
      if (state.revoked || form.get('refresh_token') !== state.refresh) {
        state.revoked = true;
        return json(400, { error: 'invalid_grant' });
      }
      state.n++;
      state.refresh = `bfyr_${state.n}`;
      state.access = `at_${state.n}`;
      return json(200, {
        access_token: state.access,
        refresh_token: state.refresh,
        token_type: 'Bearer',
        expires_in: 300,
      });
    }
    if (path === '/oauth/revoke') {
      state.revoked = true;
      return new Response(null, { status: 200 });
    }
    const auth = new Headers(init.headers).get('authorization');
    if (state.revoked || auth !== `Bearer ${state.access}`)
      return json(401, { error: { message: 'Sign in first', data: { code: 'UNAUTHORIZED' } } });
    if (path.endsWith('extension.snapshot'))
      return json(403, {
        error: { message: 'Your role (read_only) does not grant backup.run', data: { code: 'FORBIDDEN' } },
      });
    return json(200, { result: { data: { path } } });
  };
  return { state, send };
}

async function setup() {
  const b = fakeButterfly();
  const local = memoryArea();
  const session = memoryArea();
  await local.set('butterflyUrl', URL_);
  await local.set('refreshToken', 'bfyr_1');
  return { ...b, local, session, butterfly: butterflySession({ local, session, send: b.send }) };
}

describe('the Butterfly session', () => {
  it('gets an access token once for concurrent calls, and rotates the refresh token', async () => {
    const s = await setup();
    const answers = await Promise.all([
      s.butterfly.call('query', 'extension.status', { id: 1 }),
      s.butterfly.call('mutation', 'extension.compare', { id: 1 }),
    ]);
    expect(answers).toEqual([{ path: '/api/trpc/extension.status' }, { path: '/api/trpc/extension.compare' }]);
    expect(s.state.refreshes).toBe(1);
    expect(await s.local.get('refreshToken')).toBe('bfyr_2');
    expect(s.state.revoked).toBe(false);
  });

  it('renews an access token Butterfly stopped accepting, then retries', async () => {
    const s = await setup();
    await s.butterfly.call('query', 'me.get');
    s.state.access = 'at_rotated_elsewhere';
    // The server minted a new one the client does not hold: a 401, a renewal, and the retry succeeds.
    s.state.refresh = 'bfyr_2';
    await expect(s.butterfly.call('query', 'me.get')).resolves.toEqual({ path: '/api/trpc/me.get' });
  });

  it('ends in "signed out" when Butterfly refuses the refresh token (a deactivated member)', async () => {
    const s = await setup();
    await s.butterfly.call('query', 'me.get');
    s.state.revoked = true;
    await expect(s.butterfly.call('query', 'extension.status')).rejects.toBeInstanceOf(SignedOutError);
    expect(await s.local.get('refreshToken')).toBeUndefined();
    expect(await s.local.get('signedOut')).toMatchObject({ reason: expect.any(String) });
  });

  it('reports API errors with their code', async () => {
    const s = await setup();
    await expect(s.butterfly.call('mutation', 'extension.snapshot', {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('backup.run'),
    });
  });

  it('disconnects by revoking the refresh token and forgetting it', async () => {
    const s = await setup();
    await s.butterfly.disconnect();
    expect(s.state.calls).toEqual(['/oauth/revoke']);
    expect(s.state.revoked).toBe(true);
    expect(await s.local.get('refreshToken')).toBeUndefined();
  });
});
