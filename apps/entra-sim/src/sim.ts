import { createServer } from 'node:http';
import { listenForUrl } from '@butterfly/sim-kit';
import { type ControlApi, createControlApi } from './control/api.ts';
import { type SimLogger, stderrLogger } from './log.ts';
import { restoreTenants, snapshot } from './persist/snapshot.ts';
import { readStateFile, stateSaver } from './persist/state-file.ts';
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
  /**
   * Milliseconds added to each Graph call (`/v1.0/…`, `/beta/…`; a `$batch` is one call), as a real
   * round trip to Graph takes: benchmarks use it to see what the client's concurrency does. Default 0.
   */
  latencyMs?: number;
  logger?: SimLogger;
  /** Epoch milliseconds; tests inject one to cross throttle windows and token expiry. */
  clock?: () => number;
  /**
   * Keeps the tenants and signing keys in this file (`pnpm start` passes one under the data
   * directory): loaded at start when it exists (instead of seeding), saved after changes and at
   * close. Without it everything is forgotten at exit, as tests want.
   */
  stateFile?: string;
}

export interface EntraSim {
  /** Base URL: plays https://login.microsoftonline.com and https://graph.microsoft.com. */
  url: string;
  control: ControlApi;
  demo?: typeof DEMO;
  close(): Promise<void>;
}

/** Starts the simulator in this process; it listens first because every issuer contains the port. */
export async function createEntraSim(options: TEntraSimOptions = {}): Promise<EntraSim> {
  const server = createServer();
  const baseUrl = await listenForUrl(server, options.port, options.host);
  let saved: ReturnType<typeof readStateFile>;
  try {
    saved = options.stateFile ? readStateFile(options.stateFile) : undefined;
  } catch (error) {
    server.close();
    throw error;
  }
  const deps: TSimDeps = {
    registry: new TenantRegistry({ pageSize: options.pageSize ?? 100, legacyCaThrottle: false }),
    keys: saved ? await KeySet.fromState(saved.keys) : await KeySet.create(),
    baseUrl,
    clock: options.clock ?? Date.now,
    log: options.logger ?? stderrLogger,
    codes: new Map(),
  };
  const control = createControlApi(deps);
  const handler = createRequestHandler(deps, control);
  const demo = saved ? saved.demo : options.demo !== false;
  const saver = options.stateFile
    ? stateSaver(
        options.stateFile,
        () => snapshot(deps.registry, deps.keys, demo),
        (err) => deps.log.error({ err }, 'entra-sim could not save its state'),
      )
    : undefined;
  // Any request that may change something (everything but reads) schedules a save once answered.
  const latencyMs = options.latencyMs ?? 0;
  server.on('request', (req, res) => {
    if (saver && req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => saver.changed());
    if (latencyMs > 0 && /^\/(v1\.0|beta)\//.test(req.url ?? '')) setTimeout(() => handler(req, res), latencyMs);
    else handler(req, res);
  });
  let started = false;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    // A start that failed half-way saves nothing: the file keeps what it had.
    if (started) await saver?.flush();
  };
  try {
    if (saved) {
      await restoreTenants(deps.registry, saved);
      const signIn = deps.registry.find(DEMO.tenantId)?.apps.get(DEMO.signIn.clientId);
      // Redirect URIs and LogoutUrl given now win over saved ones, as okta-sim's --client does.
      if (signIn && options.signIn?.redirectUris.length) signIn.redirectUris = options.signIn.redirectUris;
      if (signIn && options.signIn?.logoutUrl) signIn.logoutUrl = options.signIn.logoutUrl;
    } else if (demo) await seedDemo(deps.registry, new Date(deps.clock()), options.signIn ?? { redirectUris: [] });
    started = true;
    await saver?.flush();
  } catch (error) {
    saver?.cancel();
    await close();
    throw error;
  }
  return { url: deps.baseUrl, control, demo: demo ? DEMO : undefined, close };
}
