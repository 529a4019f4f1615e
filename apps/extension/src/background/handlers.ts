import { matchPage } from '../mapping/match-page.ts';
import { BlockedRequestError } from '../shared/guarded-fetch.ts';
import type {
  ConnectionState,
  ExtensionRequest,
  InspectAnswer,
  ObjectComparison,
  ObjectStatus,
  SnapshotAnswer,
  Unavailable,
} from '../shared/messages.ts';
import { ApiError, type ButterflySession, NotConnectedError, SignedOutError } from './butterfly.ts';
import type { connectFlow } from './connect.ts';
import type { Account, Stores } from './store.ts';

export interface Sender {
  /** The sending document's URL (a console page, or one of the extension's own pages). */
  url?: string;
  tab?: { url?: string };
}

/**
 * The service worker's answers to its own pages and content scripts. Content scripts may only ask
 * about the org of the page they run in (taken from the sender's URL, so a script on one org cannot
 * ask about another); connecting and disconnecting are for the extension's own pages.
 */
export function messageHandlers(
  deps: Stores & {
    butterfly: ButterflySession;
    connect: ReturnType<typeof connectFlow>;
    extensionOrigin: string;
    openOptions: () => Promise<void>;
  },
) {
  const { butterfly, local, session } = deps;

  async function unavailable(e: unknown): Promise<Unavailable> {
    if (e instanceof SignedOutError) return { state: 'signed-out', reason: e.reason };
    if (e instanceof NotConnectedError) {
      const out = await local.get<{ reason: string }>('signedOut');
      return out ? { state: 'signed-out', reason: out.reason } : { state: 'not-connected' };
    }
    if (e instanceof ApiError) return { state: 'error', code: e.code, message: e.message };
    if (e instanceof BlockedRequestError) return { state: 'error', message: e.message };
    return { state: 'error', message: `Butterfly could not be reached (${(e as Error).message})` };
  }

  async function inspect(orgUrl: string, msg: { type: string; id: string; body: unknown }): Promise<InspectAnswer> {
    try {
      const ref = { orgUrl, type: msg.type, id: msg.id };
      const [status, comparison, account] = await Promise.all([
        butterfly.call<ObjectStatus>('query', 'extension.status', ref),
        butterfly.call<ObjectComparison>('mutation', 'extension.compare', { ...ref, body: msg.body }),
        butterfly.account(),
      ]);
      const may = (p: string) => account.permissions.includes(p);
      return {
        state: 'ok',
        butterflyUrl: await butterfly.baseUrl(),
        canSnapshot: may('backup.run'),
        canPreviewRestore: may('restore.preview'),
        status,
        comparison,
      };
    } catch (e) {
      return unavailable(e);
    }
  }

  async function snapshot(orgUrl: string, msg: { type: string; id: string }): Promise<SnapshotAnswer> {
    try {
      const r = await butterfly.call<{ snapshotId: string; at: string; changed: boolean }>(
        'mutation',
        'extension.snapshot',
        { orgUrl, type: msg.type, id: msg.id },
      );
      return { state: 'ok', ...r };
    } catch (e) {
      return unavailable(e);
    }
  }

  async function state(): Promise<ConnectionState> {
    const account = await local.get<Account>('account');
    return {
      butterflyUrl: await local.get<string>('butterflyUrl'),
      connected: !!(await local.get<string>('refreshToken')),
      ...(account ? { account: { email: account.email, role: account.role, tenant: account.tenant } } : {}),
      signedOut: await local.get<{ at: string; reason: string }>('signedOut'),
      connectError: await local.get<string>('connectError'),
      connecting: !!(await session.get('pending')),
    };
  }

  const fromExtensionPage = (sender: Sender) =>
    !!sender.url && sender.url.startsWith(deps.extensionOrigin) && !sender.tab?.url?.startsWith('http');

  return async function handle(msg: ExtensionRequest, sender: Sender): Promise<unknown> {
    switch (msg.kind) {
      case 'inspect':
      case 'snapshot': {
        const page = matchPage(sender.tab?.url ?? sender.url ?? '');
        if (!page) return { state: 'error', message: 'Not an Okta admin console page' } satisfies Unavailable;
        return msg.kind === 'inspect' ? inspect(page.orgUrl, msg) : snapshot(page.orgUrl, msg);
      }
      case 'open-options':
        await deps.openOptions();
        return {};
      case 'state':
      case 'connect':
      case 'disconnect': {
        if (!fromExtensionPage(sender))
          return { state: 'error', message: "Only the extension's own pages may do that" } satisfies Unavailable;
        try {
          if (msg.kind === 'connect') await deps.connect.begin(msg.butterflyUrl);
          if (msg.kind === 'disconnect') await butterfly.disconnect();
        } catch (e) {
          await local.set('connectError', (e as Error).message);
        }
        return state();
      }
    }
  };
}
