import { Progress } from '@butterfly/ui';
import { useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { formatCount } from '~/utils/format.ts';
import { RUNNING, type PlanData } from './types.ts';

const PHASES: Record<string, string> = {
  queued: 'Queued, waiting for a worker',
  'reading snapshot': 'Reading the snapshot',
  'reading live org': 'Reading the live org',
  comparing: 'Comparing',
  ordering: 'Ordering the steps',
  storing: 'Storing the plan',
  applying: 'Applying',
};

/** While the plan is computed or applied: its phase and count, refreshed every second and a half. */
export function PlanProgress({ plan }: { plan: PlanData }) {
  const revalidator = useRevalidator();
  // Asked to apply but not yet picked up by a worker: still ready, already waiting.
  const queuedApply = plan.status === 'ready' && !!plan.applyRequestedAt;
  const active = RUNNING.includes(plan.status) || queuedApply;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [active, revalidator]);
  if (!active) return null;
  const p = (queuedApply ? { phase: 'queued' } : plan.progress) as { phase?: string; done?: number; total?: number };
  const known = !!p.total;
  const text = `${PHASES[p.phase ?? ''] ?? p.phase ?? 'Working'}${known ? `: ${formatCount(p.done ?? 0)} of ${formatCount(p.total!)}` : ''}`;
  return (
    <section
      aria-labelledby="plan-progress"
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="plan-progress" className="text-lg font-semibold">
        {plan.status === 'applying' || queuedApply ? 'Applying' : 'Computing the preview'}
      </h2>
      <Progress
        aria-label="Restore progress"
        value={known ? (p.done ?? 0) : null}
        max={p.total || 100}
        valueText={text}
      />
      <p className="text-sm text-slate-700" aria-live="polite">
        {text}
      </p>
    </section>
  );
}
