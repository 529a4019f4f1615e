import { Link } from '@remix-run/react';
import { SeverityBadge, showValue } from './result-badge.tsx';
import { Time } from '~/components/time.tsx';
import { describeActor, objectTypeLabel } from '~/utils/labels.ts';

export interface RegressionView {
  ruleId: string;
  title: string;
  severity: string;
  reason: string;
  connectionId: string;
  connectionName: string;
  scanId: string;
  fromSnapshotId: string;
  toSnapshotId: string;
  fromTakenAt: string;
  toTakenAt: string;
  note?: string;
  changes:
    | {
        type: string;
        id: string;
        change: string;
        paths: { path: string; before?: unknown; after?: unknown }[];
        actors?: unknown[];
      }[]
    | null;
}

function ActorText({ a }: { a: unknown }) {
  const x = a as { actor?: string; at?: string; eventType?: string };
  return (
    <>
      {describeActor(x.actor ?? 'unknown')}
      {x.at && (
        <>
          {' '}
          at <Time iso={x.at} />
        </>
      )}
      {x.eventType ? ` (${x.eventType})` : ''}
    </>
  );
}

export const diffHref = (r: Pick<RegressionView, 'connectionId' | 'fromSnapshotId' | 'toSnapshotId'>) =>
  `/connections/${r.connectionId}/diff?${new URLSearchParams({ from: r.fromSnapshotId, to: r.toSnapshotId })}`;

/** A rule that passed in the previous scan and fails now, with the changes behind it and who made them. */
export function RegressionItem({ r, brief = false }: { r: RegressionView; brief?: boolean }) {
  const headingId = `regression-${r.scanId}-${r.ruleId}`.replace(/[^\w-]/g, '_');
  return (
    <article aria-labelledby={headingId} className="flex flex-col gap-2 border-b border-slate-100 py-4 last:border-0">
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-medium">
        <SeverityBadge severity={r.severity} />
        <Link to={`/compliance/rules/${encodeURIComponent(r.ruleId)}`} className="text-indigo-700 underline">
          {r.ruleId}
        </Link>
        <span>{r.title}</span>
      </h3>
      <p className="text-sm text-slate-700">
        {r.connectionName}: passed in the snapshot of <Time iso={r.fromTakenAt} />, fails in the snapshot of{' '}
        <Time iso={r.toTakenAt} />. {r.reason}
      </p>
      {!brief && r.changes && r.changes.length > 0 && (
        <ul className="flex flex-col gap-2">
          {r.changes.map((c) => (
            <li key={`${c.type}/${c.id}`} className="rounded-md border border-slate-200 p-2 text-sm">
              <p>
                <span className="font-medium">{c.change}</span> {objectTypeLabel(c.type)}{' '}
                <code className="text-xs">{c.id}</code>
                {c.actors?.length ? (
                  <>
                    {' '}
                    by{' '}
                    {c.actors.map((a, i) => (
                      <span key={i}>
                        {i > 0 && '; '}
                        <ActorText a={a} />
                      </span>
                    ))}
                  </>
                ) : null}
              </p>
              {c.paths.length > 0 && (
                <table className="mt-1 w-full border-collapse text-left">
                  <caption className="sr-only">
                    Changed paths of {objectTypeLabel(c.type)} {c.id}
                  </caption>
                  <thead>
                    <tr className="border-b border-slate-200">
                      <th scope="col" className="px-2 py-1 font-medium text-slate-600">
                        Path
                      </th>
                      <th scope="col" className="px-2 py-1 font-medium text-slate-600">
                        Before → after
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.paths.map((p) => (
                      <tr key={p.path} className="border-b border-slate-100 align-top">
                        <td className="px-2 py-1">
                          <code>{p.path}</code>
                        </td>
                        <td className="px-2 py-1 break-all">
                          <code>{showValue(p.before)}</code> → <code>{showValue(p.after)}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
      {!brief && r.changes?.length === 0 && (
        <p className="text-sm text-slate-700">
          No change between the two snapshots touched the objects this rule read.
        </p>
      )}
      {!brief && r.note && <p className="text-sm text-amber-900">{r.note}</p>}
      <p className="text-sm">
        <Link to={diffHref(r)} className="text-indigo-700 underline">
          All changes between the two snapshots
          <span className="sr-only">
            {' '}
            of {r.connectionName} for {r.ruleId}
          </span>
        </Link>
      </p>
    </article>
  );
}
