import { guardedFetch } from '../shared/guarded-fetch.ts';
import type { ExtensionRequest } from '../shared/messages.ts';
import { butterflySession } from './butterfly.ts';
import { connectFlow } from './connect.ts';
import { messageHandlers } from './handlers.ts';
import { chromeArea } from './store.ts';

/**
 * The service worker: holds the Butterfly session and answers the content script and the options
 * page. Its only network peer is the connected Butterfly origin. Listeners are registered at the top
 * level, as Manifest V3 requires, so an event wakes a stopped worker and still finds them.
 */
const local = chromeArea(chrome.storage.local);
const session = chromeArea(chrome.storage.session);
const send = guardedFetch(async () => {
  const url = await local.get<string>('butterflyUrl');
  return url ? [new URL(url).origin] : [];
});
const butterfly = butterflySession({ local, session, send });
const tabs = {
  open: async (url: string) => (await chrome.tabs.create({ url })).id,
  close: (tabId: number) => chrome.tabs.remove(tabId),
};
const connect = connectFlow({ local, session, send, tabs, butterfly });
const handle = messageHandlers({
  local,
  session,
  butterfly,
  connect,
  extensionOrigin: chrome.runtime.getURL(''),
  openOptions: () => chrome.runtime.openOptionsPage(),
});

chrome.runtime.onMessage.addListener((msg: ExtensionRequest, sender, reply) => {
  handle(msg, { url: sender.url, tab: sender.tab && { url: sender.tab.url } }).then(reply, (e: Error) =>
    reply({ state: 'error', message: e.message }),
  );
  return true; // the answer is asynchronous
});

chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) void connect.onTabUrl(tabId, change.url);
});

chrome.action.onClicked.addListener(() => void chrome.runtime.openOptionsPage());
