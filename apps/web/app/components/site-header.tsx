import { Badge, Button } from '@butterfly/ui';
import { Form, Link, NavLink } from '@remix-run/react';

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? 'bg-slate-100 text-slate-900' : 'text-slate-700 hover:bg-slate-100'}`;

/** What the header shows of the signed-in member (the root loader's `user`; declared here so the header does not import the root). */
export interface HeaderUser {
  email: string;
  role: string;
  permissions: readonly string[];
}

/** The signed-in member's navigation: pages they may open, who they are, and sign-out. */
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const links: [string, string][] = user
    ? [
        ['/', 'Home'],
        ...(user.permissions.includes('dashboard.view')
          ? ([
              ['/connections', 'Connections'],
              ['/webhooks', 'Alerts'],
            ] as [string, string][])
          : []),
        ...(user.permissions.includes('snapshot.read') ? ([['/restore', 'Restore']] as [string, string][]) : []),
        ...(user.permissions.includes('compliance.read')
          ? ([['/compliance', 'Compliance']] as [string, string][])
          : []),
        ...(user.permissions.includes('member.read') ? ([['/members', 'Members']] as [string, string][]) : []),
        ...(user.permissions.includes('audit.read') ? ([['/audit', 'Audit log']] as [string, string][]) : []),
        ...(user.permissions.includes('sso.manage')
          ? ([['/settings/sso', 'Single sign-on']] as [string, string][])
          : []),
        ...(user.permissions.includes('scim.manage') ? ([['/settings/scim', 'SCIM']] as [string, string][]) : []),
        ['/sessions', 'My sessions'],
        ['/settings/api-tokens', 'API tokens'],
      ]
    : [['/', 'Home']];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-6 px-4 py-3">
        <Link to="/" className="text-lg font-semibold tracking-tight text-indigo-700">
          Butterfly
        </Link>
        <nav aria-label="Main" className="flex-1">
          <ul className="flex flex-wrap gap-1">
            {links.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end className={navLinkClass}>
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {user ? (
          <div className="flex items-center gap-3">
            <span className="text-sm text-slate-700">
              <span className="sr-only">Signed in as </span>
              {user.email}
            </span>
            <Badge variant="info">{user.role}</Badge>
            {/* A Remix Form (fetch): the redirect to the IdP's sign-out is then a plain navigation,
                which CSP form-action 'self' does not govern. */}
            <Form method="post" action="/logout">
              <Button type="submit" variant="outline" size="sm">
                Sign out
              </Button>
            </Form>
          </div>
        ) : (
          <Button asChild size="sm">
            <Link to="/login">Sign in</Link>
          </Button>
        )}
      </div>
    </header>
  );
}
