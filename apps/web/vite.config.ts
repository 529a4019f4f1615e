import { vitePlugin as remix } from '@remix-run/dev';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

// Server-only workspace packages, left out of the server bundle (see `build` below).
const serverPackages = /^@butterfly\/(api|config|db|domain|evidence)(\/|$)/;

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  // The server bundle leaves our server-only workspace packages (TypeScript source) as imports,
  // which `server/main.ts` (run by tsx) then loads: bundled, the express server and the routes would
  // each hold their own copy (two DomainError classes, two loggers), and the packages' dependencies
  // would become bare imports that pnpm's strict layout may not resolve from apps/web. Vite's
  // `ssr.external` refuses .ts files, hence Rollup's option. @butterfly/ui stays bundled: its JSX
  // needs this app's transform (tsx applies apps/web's tsconfig only to apps/web's files).
  build: isSsrBuild ? { rollupOptions: { external: serverPackages } } : {},
}));
