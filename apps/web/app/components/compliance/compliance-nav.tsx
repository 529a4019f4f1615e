import { NavLink } from '@remix-run/react';

const LINKS: [string, string][] = [
  ['/compliance', 'Overview'],
  ['/compliance/findings', 'Findings'],
  ['/compliance/regressions', 'Regressions'],
  ['/compliance/exceptions', 'Exceptions'],
];

const cls = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-indigo-50 text-indigo-800' : 'text-slate-700 hover:bg-slate-100'}`;

/** The compliance section's own navigation, under its pages' headings. */
export function ComplianceNav() {
  return (
    <nav aria-label="Compliance">
      <ul className="flex flex-wrap gap-1">
        {LINKS.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end className={cls}>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
