import { createServer } from 'node:http';
import { listenForUrl, stateSaver } from '@butterfly/sim-kit';
import { type ControlApi, createControlApi } from './control/api.ts';
import { newRuntime, type TDeps } from './deps.ts';
import { type SimLogger, stderrLogger } from './log.ts';
import { OidcKeys } from './oidc/keys.ts';
import { readStateFile, restoreWorld, snapshot } from './persist/state.ts';
import { DEMO, seedWorld } from './seed/demo.ts';
import { createRequestHandler } from './server.ts';
import { World } from './store/world.ts';

export interface TGoogleSimOptions {
  /** 0 (the default) picks a free port: what tests want. */
  port?: number;
  host?: string;
  /** Seed the demo world (DEMO in seed/demo.ts); default true. */
  demo?: boolean;
  /** Redirect URIs of the demo sign-in client (Butterfly's OAuth client). */
  redirectUris?: string[];
  logger?: SimLogger;
  /** Epoch milliseconds; tests inject one to cross quota windows, page intervals and token expiry. */
  clock?: () => number;
  /**
   * Keeps the world and ID-token keys in this file: loaded at start when it exists (instead of
   * seeding), saved after changes and at close. Without it everything is forgotten at exit.
   */
  stateFile?: string;
}

export interface GoogleSim {
  /** Base URL: plays oauth2.googleapis.com, accounts.google.com, www/admin/openidconnect/cloudidentity.googleapis.com. */
  url: string;
  control: ControlApi;
  demo?: typeof DEMO;
  close(): Promise<void>;
}

/**
 * Starts the simulator in this process. A bad state file stops it before it listens; then it
 * listens before building anything, because the issuer contains the port.
 */
export async function createGoogleSim(options: TGoogleSimOptions = {}): Promise<GoogleSim> {
  const saved = options.stateFile ? readStateFile(options.stateFile) : undefined;
  const server = createServer();
  const baseUrl = await listenForUrl(server, options.port, options.host);
  const world = saved ? restoreWorld(saved) : new World();
  const demo = saved ? saved.demo : options.demo !== false;
  if (!saved && demo) seedWorld(world, options.redirectUris ?? []);
  const signIn = world.oauthClients.get(DEMO.signIn.clientId);
  // Redirect URIs given now win over saved ones.
  if (saved && signIn && options.redirectUris?.length) signIn.redirectUris = options.redirectUris;
  const deps: TDeps = {
    world,
    keys: saved ? await OidcKeys.fromState(saved.keys) : await OidcKeys.create(),
    baseUrl,
    clock: options.clock ?? Date.now,
    log: options.logger ?? stderrLogger,
    runtime: newRuntime(),
  };
  const control = createControlApi(deps);
  const handler = createRequestHandler(deps, control);
  const saver = options.stateFile
    ? stateSaver(
        options.stateFile,
        () => snapshot(world, deps.keys, demo),
        (err) => deps.log.error({ err }, 'google-sim could not save its state'),
      )
    : undefined;
  server.on('request', (req, res) => {
    if (saver && req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => saver.changed());
    void handler(req, res);
  });
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    await saver?.flush();
  };
  try {
    await saver?.flush();
  } catch (error) {
    saver?.cancel();
    await close();
    throw error;
  }
  return { url: deps.baseUrl, control, demo: demo ? DEMO : undefined, close };
}
