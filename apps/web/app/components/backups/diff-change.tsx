import { Badge } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { PathChangesTable } from '../path-changes-table.tsx';
import { historyHref, objectHref } from './object-link.ts';
import { objectTypeLabel } from '~/utils/labels.ts';
import { ChangeActors, type ChangeActorView } from './change-actors.tsx';

export interface DiffChangeView {
  type: string;
  id: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  paths: { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }[];
  pathsLeftOut: number;
  actors: ChangeActorView[];
}

const BADGE = { added: 'success', removed: 'danger', changed: 'warning' } as const;

/** One changed object: what happened, who did it (from the IdP's log, when it said), and each JSON path before → after. */
export function DiffChange({
  c,
  connectionId,
  from,
  to,
}: {
  c: DiffChangeView;
  connectionId: string;
  from: string;
  to: string;
}) {
  const headingId = `change-${c.type}-${c.id}`.replace(/[^\w-]/g, '_');
  return (
    <article aria-labelledby={headingId} className="flex flex-col gap-2 border-b border-slate-100 py-4 last:border-0">
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-medium">
        <Badge variant={BADGE[c.change]}>{c.change}</Badge>
        <span className="text-slate-600">{objectTypeLabel(c.type)}</span>
        <Link
          to={objectHref(connectionId, c.change === 'removed' ? from : to, c.type, c.id)}
          className="text-indigo-700 underline"
        >
          {c.label}
        </Link>
        <code className="text-xs text-slate-600">{c.id}</code>
      </h3>
      <ChangeActors actors={c.actors} />
      {c.paths.length > 0 && (
        <PathChangesTable
          caption={`Changed paths of ${c.label}`}
          columns={['Before', 'After']}
          changes={c.paths}
          clip={400}
        />
      )}
      {c.pathsLeftOut > 0 && <p className="text-sm text-slate-600">…and {c.pathsLeftOut} more paths.</p>}
      <Link to={historyHref(connectionId, c.type, c.id)} className="self-start text-sm text-indigo-700 underline">
        History<span className="sr-only"> of {c.label}</span>
      </Link>
    </article>
  );
}
