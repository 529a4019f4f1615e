import { matchPage } from '../mapping/match-page.ts';
import { TEST_BUILD } from '../shared/build-flags.ts';
import { guardedFetch } from '../shared/guarded-fetch.ts';
import type { ExtensionRequest, InspectAnswer, SnapshotAnswer } from '../shared/messages.ts';
import { type LocatedObject, locateObject, pageSignature } from './locate.ts';
import { createPanel } from './panel.ts';

/**
 * The content script on admin console pages: finds the object the page shows, reads it as the
 * console does (same origin, the admin's session: the only requests it makes), and hands it to the
 * service worker, which asks Butterfly. The console is a single-page app, so it watches the URL and
 * the selection once a second and asks again when either changes, or when the tab comes back.
 */
const consoleFetch = guardedFetch(() => [location.origin]);
const ask = <T>(msg: ExtensionRequest) => chrome.runtime.sendMessage<ExtensionRequest, T>(msg);

const panel = createPanel(
  { snapshot: () => void snapshot(), openOptions: () => void ask({ kind: 'open-options' }) },
  TEST_BUILD ? 'open' : 'closed',
);
let shown: LocatedObject | undefined;
let signature: string | undefined;
// A newer look at the page wins over an answer still on its way for an older one.
let generation = 0;

async function refresh(force = false) {
  const page = matchPage(location.href);
  const sig = pageSignature(page, document);
  if (!force && sig === signature) return;
  signature = sig;
  const mine = ++generation;
  const located = page ? await locateObject(page, document, consoleFetch).catch(() => undefined) : undefined;
  if (mine !== generation) return;
  shown = located;
  if (!located) return panel.hide();
  panel.show({ state: 'loading' }, located);
  const answer = await ask<InspectAnswer>({ kind: 'inspect', type: located.type, id: located.id, body: located.body });
  if (mine === generation) panel.show(answer, located);
}

async function snapshot() {
  const object = shown;
  if (!object) return;
  panel.show({ state: 'message', tone: 'ok', text: 'Taking a snapshot of this object…' }, object);
  const r = await ask<SnapshotAnswer>({ kind: 'snapshot', type: object.type, id: object.id });
  if (r.state !== 'ok') return panel.show(r, object);
  await refresh(true);
}

setInterval(() => void refresh(), 1000);
document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void refresh(true));
void refresh();
