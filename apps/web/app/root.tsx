import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { api } from '~/api.server.ts';
import { getSessionPrincipal } from '~/auth/session.server.ts';
import { ErrorPage } from '~/components/error-page.tsx';
import { SiteHeader } from '~/components/site-header.tsx';
import { useNonce } from '~/nonce.ts';
import stylesheet from '~/styles/app.css?url';
import { describeError } from '~/utils/error-page.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** Only the error page's title: when a route fails, its own meta is not rendered. */
export const meta: MetaFunction = ({ error }) =>
  error ? [{ title: `${describeError(error).title} · Butterfly` }] : [];

/** Who is signed in, for the header: the same `me.get` the API answers, or null. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await getSessionPrincipal(request, context))) return { user: null };
  const me = await (await api(request, context)).me.get();
  return {
    user: { email: me.member.email, role: me.member.role, tenant: me.tenant, permissions: me.permissions as string[] },
  };
}
export type SignedInUser = NonNullable<Awaited<ReturnType<typeof loader>>['user']>;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Undefined while the root loader failed (the error boundary renders): show the signed-out header.
  const user = useRouteLoaderData<typeof loader>('root')?.user ?? null;
  return (
    <html lang="en" className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to main content
        </a>
        <SiteHeader user={user} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <footer className="border-t border-slate-200 py-4 text-center text-sm text-slate-600">
          Butterfly: identity-provider configuration backup
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The app's one error boundary: every route's errors render here, inside the layout. */
export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
