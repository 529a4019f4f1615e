import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ControlApi, createControlApi } from './control/api.ts';
import { type SimLogger, stderrLogger } from './log.ts';
import { DEMO, seedDemo } from './seed/demo.ts';
import { TenantRegistry } from './store/registry.ts';
import { createRequestHandler } from './server.ts';
import type { TSimDeps } from './sts/deps.ts';
import { KeySet } from './sts/keys.ts';

export interface TEntraSimOptions {
  /** 0 (the default) picks a free port: what tests want. */
  port?: number;
  host?: string;
  /** Seed the demo tenant (DEMO in seed/demo.ts); default true. */
  demo?: boolean;
  /** Redirect URIs and LogoutUrl of the demo sign-in app. */
  signIn?: { redirectUris: string[]; logoutUrl?: string };
  /** Page size of every list unless `$top` asks otherwise (default 100; tests use small ones). */
  pageSize?: number;
  logger?: SimLogger;
  /** Epoch milliseconds; tests inject one to cross throttle windows and token expiry. */
  clock?: () => number;
}

export interface EntraSim {
  /** Base URL: plays https://login.microsoftonline.com and https://graph.microsoft.com. */
  url: string;
  control: ControlApi;
  demo?: typeof DEMO;
  close(): Promise<void>;
}

function publicUrl({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return `http://127.0.0.1:${port}`;
  return family === 'IPv6' ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/** Starts the simulator in this process; it listens first because every issuer contains the port. */
export async function createEntraSim(options: TEntraSimOptions = {}): Promise<EntraSim> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const deps: TSimDeps = {
    registry: new TenantRegistry({ pageSize: options.pageSize ?? 100, legacyCaThrottle: false }),
    keys: await KeySet.create(),
    baseUrl: publicUrl(server.address() as AddressInfo),
    clock: options.clock ?? Date.now,
    log: options.logger ?? stderrLogger,
    codes: new Map(),
  };
  const control = createControlApi(deps);
  server.on('request', createRequestHandler(deps, control));
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  try {
    if (options.demo !== false)
      await seedDemo(deps.registry, new Date(deps.clock()), options.signIn ?? { redirectUris: [] });
  } catch (error) {
    await close();
    throw error;
  }
  return { url: deps.baseUrl, control, demo: options.demo !== false ? DEMO : undefined, close };
}
