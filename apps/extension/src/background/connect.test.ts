import { describe, expect, it } from 'vitest';
import type { GuardedFetch } from '../shared/guarded-fetch.ts';
import { butterflySession } from './butterfly.ts';
import { connectFlow, normaliseButterflyUrl } from './connect.ts';
import { memoryArea } from './store.ts';

const BFY = 'https://bfy.example.com';

function setup() {
  const local = memoryArea();
  const session = memoryArea();
  const opened: string[] = [];
  const closed: number[] = [];
  const redeemed: URLSearchParams[] = [];
  const send: GuardedFetch = async (url, init = {}) => {
    const path = new URL(url).pathname;
    if (path === '/oauth/token') {
      redeemed.push(new URLSearchParams(String(init.body)));
      return Response.json({ access_token: 'at', refresh_token: 'bfyr_1', expires_in: 300 });
    }
    return Response.json({
      result: {
        data: {
          member: { email: 'ann@acme.test', role: 'admin' },
          tenant: { name: 'Acme' },
          permissions: ['backup.run'],
        },
      },
    });
  };
  const butterfly = butterflySession({ local, session, send });
  const tabs = {
    open: async (url: string) => {
      opened.push(url);
      return 7;
    },
    close: async (id: number) => void closed.push(id),
  };
  return { local, session, opened, closed, redeemed, flow: connectFlow({ local, session, send, tabs, butterfly }) };
}

const handoff = async (s: ReturnType<typeof setup>, params: Record<string, string>) => {
  const state = new URL(s.opened[0]!).searchParams.get('state')!;
  return s.flow.onTabUrl(7, `${BFY}/oauth/handoff?${new URLSearchParams({ state, iss: BFY, ...params })}`);
};

describe('connecting', () => {
  it('opens the authorization tab, takes the code from the hand-off URL and redeems it with the verifier', async () => {
    const s = setup();
    await s.flow.begin(`${BFY}/`);
    expect(s.opened[0]).toMatch(/^https:\/\/bfy\.example\.com\/oauth\/authorize\?/);
    expect(await s.flow.onTabUrl(7, `${BFY}/login`)).toBe(false);
    expect(await s.flow.onTabUrl(8, `${BFY}/oauth/handoff?code=x`)).toBe(false);
    expect(await handoff(s, { code: 'bfyc_1' })).toBe(true);
    expect(s.closed).toEqual([7]);
    expect(Object.fromEntries(s.redeemed[0]!)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'bfyc_1',
      client_id: 'butterfly-extension',
      redirect_uri: `${BFY}/oauth/handoff`,
    });
    expect(s.redeemed[0]!.get('code_verifier')).toMatch(/^[\w-]{43}$/);
    expect(await s.local.get('refreshToken')).toBe('bfyr_1');
    expect(await s.local.get('account')).toMatchObject({ email: 'ann@acme.test', permissions: ['backup.run'] });
    expect(await s.session.get('pending')).toBeUndefined();
  });

  it('refuses an answer for another attempt or from another issuer, and reports errors', async () => {
    for (const [params, why] of [
      [{ code: 'c', state: 'forged' }, /did not belong/],
      [{ code: 'c', iss: 'https://evil.example.com' }, /came from https:\/\/evil/],
      [{ error: 'access_denied', error_description: 'deactivated' }, /access_denied: deactivated/],
    ] as const) {
      const s = setup();
      await s.flow.begin(BFY);
      expect(await handoff(s, params)).toBe(false);
      expect(await s.local.get('connectError')).toMatch(why);
      expect(s.redeemed).toEqual([]);
      expect(await s.local.get('refreshToken')).toBeUndefined();
    }
  });

  it('takes an https Butterfly address alone', () => {
    expect(normaliseButterflyUrl(' https://bfy.example.com/ ')).toBe('https://bfy.example.com');
    expect(normaliseButterflyUrl('https://example.com/butterfly/')).toBe('https://example.com/butterfly');
    expect(() => normaliseButterflyUrl('http://bfy.example.com')).toThrow(/https/);
    expect(() => normaliseButterflyUrl('http://localhost:3000')).toThrow(/https/);
    expect(normaliseButterflyUrl('http://localhost:3000', true)).toBe('http://localhost:3000');
    expect(() => normaliseButterflyUrl('https://bfy.example.com/?x=1')).toThrow(/alone/);
  });
});
