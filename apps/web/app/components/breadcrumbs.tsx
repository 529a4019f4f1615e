import { Link } from '@remix-run/react';
import { Fragment, type ReactNode } from 'react';

/** The way back up from a page: its ancestors' links, outermost first, separated by slashes. */
export function Breadcrumbs({ trail }: { trail: { to: string; label: ReactNode }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="flex gap-2 text-sm">
      {trail.map((t, i) => (
        <Fragment key={t.to}>
          {i > 0 && <span aria-hidden="true">/</span>}
          <Link to={t.to} className="text-indigo-700 underline">
            {t.label}
          </Link>
        </Fragment>
      ))}
    </nav>
  );
}
