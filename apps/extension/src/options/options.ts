import type { ConnectionState, ExtensionRequest } from '../shared/messages.ts';

/**
 * The options page: where the admin names their Butterfly and connects. Chrome grants the host
 * permission for that origin here, from the click (a permission request needs the user's gesture);
 * the service worker runs the authorization and keeps the tokens.
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('connect');
const input = $<HTMLInputElement>('url');
const status = $<HTMLParagraphElement>('status');
const disconnect = $<HTMLButtonElement>('disconnect');
const ask = (msg: ExtensionRequest) => chrome.runtime.sendMessage<ExtensionRequest, ConnectionState>(msg);

function show(s: ConnectionState) {
  if (s.butterflyUrl && !input.value) input.value = s.butterflyUrl;
  disconnect.hidden = !s.connected;
  status.textContent = s.connected
    ? `Connected to ${s.butterflyUrl}${s.account ? ` as ${s.account.email} (${s.account.role}, ${s.account.tenant})` : ''}.`
    : s.connecting
      ? 'Finish signing in to Butterfly in the tab that opened.'
      : s.signedOut
        ? `Signed out of Butterfly: ${s.signedOut.reason}. Connect again.`
        : s.connectError
          ? s.connectError
          : 'Not connected.';
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  let origin: string;
  try {
    origin = new URL(input.value.trim()).origin;
  } catch {
    status.textContent = 'Enter the Butterfly address, e.g. https://butterfly.example.com';
    return;
  }
  const granted = await chrome.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
  if (!granted) {
    status.textContent = `The extension needs your permission to reach ${origin}.`;
    return;
  }
  show(await ask({ kind: 'connect', butterflyUrl: input.value }));
});

disconnect.addEventListener('click', async () => {
  const s = await ask({ kind: 'disconnect' });
  // Give the host permission back too; a build that requires the origin (the test build's loopback) keeps it.
  if (s.butterflyUrl)
    await chrome.permissions.remove({ origins: [`${new URL(s.butterflyUrl).origin}/*`] }).catch(() => false);
  show(s);
});
chrome.storage.onChanged.addListener(async () => show(await ask({ kind: 'state' })));
void ask({ kind: 'state' }).then(show);
