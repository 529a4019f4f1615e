import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiHandler } from './api/handler.ts';
import { MANAGEMENT_ROUTES } from './api/routes.ts';
import { type ControlApi, createControlApi } from './control/api.ts';
import type { TClientFlag } from './control/schemas.ts';
import { type SimLogger, stderrLogger } from './log.ts';
import { seedDemoOrgs, type TDemo } from './orgs/demo.ts';
import { createIdSource } from './orgs/ids.ts';
import { OrgRegistry } from './orgs/registry.ts';
import type { SimClient } from './orgs/types.ts';
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
  const ids = createIdSource(options.seed === undefined ? undefined : String(options.seed));
  const clock = options.clock ?? Date.now;
  const registry = new OrgRegistry(url, ids, log, { clock, rateScale: options.rateScale ?? 1 });
  const orgs = createControlApi(registry);
  const management = createApiHandler({ routes: MANAGEMENT_ROUTES, clock, latencyMs: options.latencyMs ?? 0 });
  server.on('request', createRequestHandler({ registry, api: orgs, log, management, clock }));

  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  try {
    const demo = options.seed === undefined ? undefined : await seedDemoOrgs(registry, ids, options.users ?? 0);
    const clients = (options.clients ?? []).map(({ org, ...client }) => ({ org, ...orgs.addClient(org, client) }));
    return { url, orgs, demo, clients, close };
  } catch (error) {
    await close();
    throw error;
  }
}
