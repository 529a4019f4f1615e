import { Badge } from '@butterfly/ui';
import { Link, NavLink } from '@remix-run/react';

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? 'bg-slate-100 text-slate-900' : 'text-slate-700 hover:bg-slate-100'}`;

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-6 px-4 py-3">
        <Link to="/" className="text-lg font-semibold tracking-tight text-indigo-700">
          Butterfly
        </Link>
        <nav aria-label="Main" className="flex-1">
          <ul className="flex gap-1">
            <li>
              <NavLink to="/" end className={navLinkClass}>
                Home
              </NavLink>
            </li>
          </ul>
        </nav>
        <Badge>Not signed in</Badge>
      </div>
    </header>
  );
}
