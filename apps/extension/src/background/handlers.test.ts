import { describe, expect, it } from 'vitest';
import { messageHandlers } from './handlers.ts';
import { memoryArea } from './store.ts';

const EXT = 'chrome-extension://abcdefghijklmnop/';

function setup() {
  const local = memoryArea();
  const session = memoryArea();
  const calls: [string, unknown][] = [];
  const butterfly = {
    baseUrl: async () => 'https://bfy.example.com',
    call: async (_op: string, path: string, input: unknown) => {
      calls.push([path, input]);
      return path === 'extension.status' ? { id: 'x' } : { changed: false };
    },
    account: async () => ({
      email: 'a@acme.test',
      role: 'read_only',
      tenant: 'Acme',
      permissions: ['snapshot.read'],
      fetchedAt: 0,
    }),
    connected: async () => {},
    disconnect: async () => {},
  };
  const began: string[] = [];
  const connect = { begin: async (u: string) => void began.push(u), onTabUrl: async () => false };
  const handle = messageHandlers({
    local,
    session,
    butterfly: butterfly as never,
    connect,
    extensionOrigin: EXT,
    openOptions: async () => {},
  });
  return { handle, calls, began };
}

describe('the service worker answers', () => {
  it('about the org of the sending tab, whatever the message says', async () => {
    const s = setup();
    const tab = { url: 'https://acme-admin.okta.com/admin/group/00g1abcdEFGH2345ijkl' };
    const answer = await s.handle(
      {
        kind: 'inspect',
        type: 'group',
        id: '00g1abcdEFGH2345ijkl',
        body: { id: '00g1abcdEFGH2345ijkl', orgUrl: 'https://other.okta.com' },
      },
      { url: tab.url, tab },
    );
    expect(answer).toMatchObject({ state: 'ok', canSnapshot: false, butterflyUrl: 'https://bfy.example.com' });
    expect(s.calls.map(([p, i]) => [p, (i as { orgUrl: string }).orgUrl])).toEqual([
      ['extension.status', 'https://acme.okta.com'],
      ['extension.compare', 'https://acme.okta.com'],
    ]);
  });

  it('nothing to pages that are not admin console pages', async () => {
    const s = setup();
    const tab = { url: 'https://example.com/admin/group/00g1abcdEFGH2345ijkl/x' };
    expect(await s.handle({ kind: 'snapshot', type: 'group', id: '00g1' }, { url: tab.url, tab })).toMatchObject({
      state: 'error',
    });
    expect(s.calls).toEqual([]);
  });

  it('connects only for its own pages', async () => {
    const s = setup();
    const tab = { url: 'https://acme-admin.okta.com/admin/dashboard' };
    expect(
      await s.handle({ kind: 'connect', butterflyUrl: 'https://evil.example.com' }, { url: tab.url, tab }),
    ).toMatchObject({ state: 'error' });
    expect(s.began).toEqual([]);
    const own = { url: `${EXT}options.html`, tab: { url: `${EXT}options.html` } };
    expect(await s.handle({ kind: 'connect', butterflyUrl: 'https://bfy.example.com' }, own)).toMatchObject({
      connected: false,
      connecting: false,
    });
    expect(s.began).toEqual(['https://bfy.example.com']);
  });
});
