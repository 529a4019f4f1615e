import type { ServerBuild } from '@remix-run/node';

type RouteModule = ServerBuild['routes'][string]['module'];

/**
 * A Remix server build holding only the given route modules (the real ones, imported by the test),
 * under an empty root: enough for `createApp({ build })` to serve resource routes and loaders over
 * real HTTP without a Vite build. A page that would render answers a plain "document" stand-in.
 */
export function routeBuild(routes: Record<string, { path: string; module: Partial<RouteModule> }>): ServerBuild {
  const manifest: ServerBuild['routes'] = { root: { id: 'root', path: '', module: {} as RouteModule } };
  for (const [id, r] of Object.entries(routes))
    manifest[id] = { id, parentId: 'root', path: r.path, module: r.module as RouteModule };
  return {
    mode: 'production',
    entry: { module: { default: (_request, status, headers) => new Response('document', { status, headers }) } },
    routes: manifest,
    assets: { entry: { module: '/entry.js', imports: [] }, routes: {}, url: '/manifest.js', version: 'test' },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      unstable_optimizeDeps: false,
      v3_routeConfig: false,
    } as ServerBuild['future'],
    isSpaMode: false,
  };
}
