import { Badge } from '@butterfly/ui';
import { PathChangesTable } from '../path-changes-table.tsx';
import { ACTION_BADGE, type PlanStep } from './types.ts';
import { objectTypeLabel } from '~/utils/labels.ts';
import { failureText } from '~/utils/human-text.ts';

const STATUS = { pending: 'neutral', running: 'info', done: 'success', failed: 'danger', skipped: 'neutral' } as const;

/** One step: what it does to which object, after which steps, each change before → after, and its caveats. */
export function StepCard({ step }: { step: PlanStep }) {
  const caveats = step.caveats.length;
  return (
    <li className="border-b border-slate-100 py-3 last:border-0">
      <details>
        <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
          <span className="w-8 text-right font-mono text-slate-600">{step.seq}.</span>
          <Badge variant={ACTION_BADGE[step.action]}>{step.action}</Badge>
          {/* The way it takes: a deactivated object is reactivated in place and keeps its id. */}
          {step.how && step.how !== step.action && <span className="text-xs text-slate-700">{step.how}</span>}
          {step.caveats.some((c) => c.kind === 'lockout') && <Badge variant="danger">lockout risk</Badge>}
          {/* Decision 066: the API cannot write it; apply skips it and a person sets it in the console. */}
          {step.caveats.some((c) => c.kind === 'manual') && <Badge variant="warning">manual step</Badge>}
          <span className="text-slate-600">{objectTypeLabel(step.type)}</span>
          <span className="font-medium">{step.label}</span>
          <Badge variant={STATUS[step.status]}>{step.status}</Badge>
          {step.after.length > 0 && <span className="text-xs text-slate-600">after {step.after.join(', ')}</span>}
          {caveats > 0 && (
            <span className="text-xs font-medium text-amber-800">
              {caveats} caveat{caveats > 1 ? 's' : ''}
            </span>
          )}
        </summary>
        <div className="mt-2 flex flex-col gap-2 pl-10">
          <p className="text-xs text-slate-600">
            <code>{step.id}</code>
            {step.newId && (
              <>
                {' '}
                → new id <code>{step.newId}</code>
              </>
            )}
          </p>
          {step.caveats.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-amber-900">
              {step.caveats.map((c, i) => (
                <li key={`${c.kind}-${i}`}>{c.message}</li>
              ))}
            </ul>
          )}
          {step.rewrites.length > 0 && (
            <p className="text-sm text-slate-700">
              Rewrites:{' '}
              {step.rewrites.map((r) => `${r.path} (${objectTypeLabel(r.type)} ${r.oldId} → its new id)`).join('; ')}
            </p>
          )}
          {step.changes.length > 0 && (
            <PathChangesTable
              caption={`Changes of ${step.label}`}
              columns={['Now', 'After the restore']}
              changes={step.changes.slice(0, 50)}
              clip={300}
            />
          )}
          {step.changes.length > 50 && (
            <p className="text-sm text-slate-600">
              …and {step.changes.length - 50} more (the JSON export has them all).
            </p>
          )}
          {step.error && <p className="text-sm text-red-800">Failed: {failureText(step.error)}</p>}
        </div>
      </details>
    </li>
  );
}
