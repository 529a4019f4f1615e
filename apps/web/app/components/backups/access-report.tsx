import type { IdpAccessReport } from '@butterfly/domain/idp';
import { Notice } from '../notice.tsx';
import { objectTypeLabel } from '~/utils/labels.ts';

/** What "test connection" found: reachable or not, and what a missing scope leaves out of backups. */
export function AccessReport({ name, report }: { name: string; report: IdpAccessReport }) {
  const tone = report.ok ? 'success' : report.connected ? 'warning' : 'danger';
  const title = report.ok
    ? `${name}: connected, every scope a backup reads is granted.`
    : report.connected
      ? `${name}: connected, but some scopes are missing.`
      : `${name}: Butterfly could not connect.`;
  return (
    <Notice tone={tone} role={report.ok ? 'status' : 'alert'} title={title}>
      {report.detail && <p className="mt-1">{report.detail}</p>}
      {report.missing.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {report.missing.map((m) => (
            <li key={m.scope}>
              <code>{m.scope}</code>: without it, backups leave out {m.leavesOut.join(', ')}.
            </li>
          ))}
        </ul>
      )}
      {report.optionalMissing && report.optionalMissing.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {report.optionalMissing.map((m) => (
            <li key={m.scope}>
              Optional, not granted: <code>{m.scope}</code>. Backups are complete without it, but leave out{' '}
              {m.leavesOut.join(', ')}.
            </li>
          ))}
        </ul>
      )}
      {report.unavailable && report.unavailable.length > 0 && (
        <p className="mt-2">
          Not in this org (feature not enabled): {report.unavailable.map((u) => objectTypeLabel(u.type)).join(', ')}.
        </p>
      )}
    </Notice>
  );
}
