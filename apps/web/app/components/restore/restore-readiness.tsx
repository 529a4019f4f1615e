import { Link, useRevalidator } from '@remix-run/react';
import { Time } from '~/components/time.tsx';
import { useEffect } from 'react';

export interface ReadinessRow {
  id: string;
  name: string;
  last: { planId: string; computedAt: string; steps: number } | null;
}

/** Each connection's last successful preview: when, what it found, and the plan. */
export function RestoreReadiness({ rows }: { rows: ReadinessRow[] }) {
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {rows.map((c) => (
        <li key={c.id}>
          <span className="font-medium">{c.name}</span>:{' '}
          {c.last ? (
            <>
              previewed <Time iso={c.last.computedAt} />, {previewChanges(c.last.steps)} (
              <Link to={`/restore/${c.last.planId}`} className="text-indigo-700 underline">
                the plan<span className="sr-only"> of {c.name}</span>
              </Link>
              )
            </>
          ) : (
            'never previewed'
          )}
        </li>
      ))}
    </ul>
  );
}

export const previewChanges = (steps: number) => (steps ? `${steps} change${steps === 1 ? '' : 's'}` : 'no changes');

/** While a preview is computing, the page's data again every two seconds: readiness and the plans' statuses follow it without a reload. */
export function useRevalidateWhile(active: boolean, ms = 2000) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), ms);
    return () => clearInterval(timer);
  }, [active, ms, revalidator]);
}
