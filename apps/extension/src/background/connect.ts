import { TEST_BUILD } from '../shared/build-flags.ts';
import type { GuardedFetch } from '../shared/guarded-fetch.ts';
import type { ButterflySession } from './butterfly.ts';
import { authorizeUrl, readHandoff, redeemCode, startAuthorization } from './oauth.ts';
import type { PendingConnect, Stores } from './store.ts';

export interface Tabs {
  open(url: string): Promise<number | undefined>;
  close(tabId: number): Promise<void>;
}

/**
 * "Connect": the authorization request opens in a tab (the admin signs in to Butterfly there if
 * needed), and Butterfly redirects it to its hand-off page with the code. The service worker sees
 * that URL (tabs.onUpdated; the Butterfly origin is a granted host permission, so the tab's URL is
 * visible), closes the tab and redeems the code with its PKCE verifier. The flow's secrets wait in
 * session storage, so a service worker restarted while the admin signs in still finishes it.
 */
export function connectFlow(deps: Stores & { send: GuardedFetch; tabs: Tabs; butterfly: ButterflySession }) {
  const { local, session } = deps;
  return {
    async begin(butterflyUrl: string) {
      const url = normaliseButterflyUrl(butterflyUrl);
      if ((await local.get<string>('refreshToken')) && (await local.get<string>('butterflyUrl')) !== url)
        await deps.butterfly.disconnect();
      const { verifier, challenge, state } = await startAuthorization();
      await local.set('butterflyUrl', url);
      await local.remove('connectError');
      const pending: PendingConnect = { state, verifier, butterflyUrl: url };
      await session.set('pending', pending);
      const tabId = await deps.tabs.open(authorizeUrl(url, { challenge, state }));
      await session.set('pending', { ...pending, tabId });
    },

    /** A tab moved to `url`: if it is our pending flow's hand-off, finish connecting. */
    async onTabUrl(tabId: number, url: string): Promise<boolean> {
      const pending = await session.get<PendingConnect>('pending');
      if (!pending || pending.tabId !== tabId) return false;
      const handoff = readHandoff(url, pending.butterflyUrl);
      if (!handoff) return false;
      await session.remove('pending');
      await deps.tabs.close(tabId).catch(() => undefined);
      const fail = (why: string) => local.set('connectError', why).then(() => false);
      if (handoff.error) return fail(`Butterfly did not connect the extension (${handoff.error})`);
      if (handoff.state !== pending.state || !handoff.code)
        return fail('The answer did not belong to this connection attempt; try again');
      // RFC 9207: the code must come from the Butterfly we asked, not from one that redirected to our hand-off URL.
      if (handoff.iss !== undefined && handoff.iss !== pending.butterflyUrl)
        return fail(`The answer came from ${handoff.iss}, not ${pending.butterflyUrl}`);
      try {
        await deps.butterfly.connected(
          await redeemCode(deps.send, pending.butterflyUrl, handoff.code, pending.verifier),
        );
        await deps.butterfly.account();
        return true;
      } catch (e) {
        return fail(`Connecting failed: ${(e as Error).message}`);
      }
    },
  };
}

/**
 * The Butterfly URL as the admin typed it, reduced to origin (plus a path, if Butterfly lives below
 * one). https only; the test build also takes loopback over http, where the test system runs.
 */
export function normaliseButterflyUrl(raw: string, allowLoopbackHttp = TEST_BUILD): string {
  const u = new URL(raw.trim());
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(u.hostname);
  if (u.protocol !== 'https:' && !(allowLoopbackHttp && loopback && u.protocol === 'http:'))
    throw new Error('Butterfly must be reached over https');
  if (u.username || u.password || u.search || u.hash)
    throw new Error('Enter the Butterfly address alone, e.g. https://butterfly.example.com');
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}
