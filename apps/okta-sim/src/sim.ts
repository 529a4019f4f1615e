import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiHandler } from './api/handler.ts';
import { MANAGEMENT_ROUTES } from './api/routes.ts';
import { type ControlApi, createControlApi } from './control/api.ts';
import type { TClientFlag } from './control/schemas.ts';
import { type SimLogger, stderrLogger } from './log.ts';
import { seedDemoOrgs, type TDemo } from './registry/demo.ts';
import { createIdSource } from './model/ids.ts';
import { OrgRegistry } from './registry/registry.ts';
import type { SimClient } from './model/types.ts';
import { orgState, type TSimState } from './persist/org-state.ts';
import { readStateFile, stateSaver } from './persist/state-file.ts';
import { createRequestHandler } from './server.ts';

export interface TOktaSimOptions {
  /** 0 (the default) picks a free port: what tests want. */
  port?: number;
  host?: string;
  /** Deterministic ids and secrets, and the demo orgs (`acme`, `globex`). */
  seed?: string | number;
  /** Generated users in `acme`, with a seed (up to 100k). */
  users?: number;
  /** Clients to register at start, each in an existing org. */
  clients?: TClientFlag[];
  logger?: SimLogger;
  /**
   * Multiplies every rate limit (requests per minute per bucket, and the 75 concurrent requests):
   * 0.1 makes limits bite in a short test, 100 makes them irrelevant. Default 1: a real org's.
   */
  rateScale?: number;
  /** Epoch milliseconds; tests inject one to cross rate-limit windows and token expiry. */
  clock?: () => number;
  /** Added latency of every Management API call, in ms (default 0). */
  latencyMs?: number;
  /**
   * Keeps the orgs in this file (`pnpm start` passes one under the data directory): loaded at start
   * when it exists (instead of seeding), saved atomically after changes and at close. Without it the
   * simulator forgets everything when it stops, as tests want.
   */
  stateFile?: string;
}

export interface OktaSim {
  /** Base URL; an org's URL and issuer is `${url}/${org}`. */
  url: string;
  orgs: ControlApi;
  demo?: TDemo;
  clients: (SimClient & { org: string })[];
  close(): Promise<void>;
}

/** Where the simulator is reached: the bound address, or loopback when it listens on all of them. */
function publicUrl({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return `http://127.0.0.1:${port}`;
  return family === 'IPv6' ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/**
 * Starts the simulator in this process. It listens before any org exists because an org's issuer
 * contains the port, which is only known once bound (port 0).
 */
export async function createOktaSim(options: TOktaSimOptions = {}): Promise<OktaSim> {
  const log = options.logger ?? stderrLogger;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const url = publicUrl(server.address() as AddressInfo);
  const seed = options.seed === undefined ? undefined : String(options.seed);
  const saved = options.stateFile ? readStateFile(options.stateFile, url) : undefined;
  if (saved && saved.seed !== seed) {
    server.close();
    throw new Error(
      `${options.stateFile} was saved with ${saved.seed === undefined ? 'no seed' : `seed ${saved.seed}`}; start with the same one, or remove the file`,
    );
  }
  const ids = createIdSource(seed, saved?.counters);
  const clock = options.clock ?? Date.now;
  const registry = new OrgRegistry(url, ids, log, { clock, rateScale: options.rateScale ?? 1 });
  const orgs = createControlApi(registry);
  const management = createApiHandler({ routes: MANAGEMENT_ROUTES, clock, latencyMs: options.latencyMs ?? 0 });
  const handler = createRequestHandler({ registry, api: orgs, log, management, clock });
  let demo: TDemo | undefined;
  const snapshot = (): TSimState => ({
    version: 1,
    baseUrl: url,
    seed,
    counters: ids.counters(),
    demo,
    orgs: registry.list().map(orgState),
  });
  const saver = options.stateFile
    ? stateSaver(options.stateFile, snapshot, (err) => log.error({ err }, 'okta-sim could not save its state'))
    : undefined;
  // Any request that may change an org (everything but reads) schedules a save once it is answered.
  server.on('request', (req, res) => {
    if (saver && req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS')
      res.once('finish', () => saver.changed());
    handler(req, res);
  });

  let started = false;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    // A start that failed half-way saves nothing: the file keeps what it had.
    if (started) saver?.flush();
  };
  try {
    if (saved) {
      for (const org of saved.orgs) await registry.restore(org);
      demo = saved.demo;
    } else if (seed !== undefined) demo = await seedDemoOrgs(registry, options.users ?? 0);
    // A client given at start that a saved org already has (the same client_id) is kept, secret and
    // all; only its redirect URIs follow the ones given now.
    const clients = (options.clients ?? []).map(({ org, ...client }) => ({
      org,
      ...(registry.get(org).org.refreshClient(client) ?? orgs.addClient(org, client)),
    }));
    started = true;
    saver?.flush();
    return { url, orgs, demo, clients, close };
  } catch (error) {
    saver?.cancel();
    await close();
    throw error;
  }
}
