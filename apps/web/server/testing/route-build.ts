import type { ServerBuild } from '@remix-run/node';

type RouteModule = ServerBuild['routes'][string]['module'];
/** A resource route: a loader and/or an action, no component. */
type ResourceRoute = Omit<RouteModule, 'default'>;

/**
 * A Remix server build made of a few resource routes (no UI), so an integration test can drive the
 * real express app, its guards and the real route modules over HTTP without running Vite.
 */
export function routeBuild(routes: Record<string, ResourceRoute>): ServerBuild {
  const manifest: ServerBuild['routes'] = { root: { id: 'root', path: '', module: {} as RouteModule } };
  for (const [path, module] of Object.entries(routes)) manifest[path] = { id: path, parentId: 'root', path, module: module as RouteModule };
  return {
    mode: 'production',
    entry: {
      module: {
        default: () => {
          throw new Error('routeBuild serves resource routes only');
        },
      },
    },
    routes: manifest,
    assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'test' },
    publicPath: '/',
    assetsBuildDirectory: '',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    isSpaMode: false,
  } as unknown as ServerBuild;
}
