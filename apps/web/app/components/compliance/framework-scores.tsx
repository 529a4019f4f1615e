import { Link } from '@remix-run/react';
import { scoreText } from './latest-scans-table.tsx';

export interface FrameworkScore {
  framework: string;
  label: string;
  PASS: number;
  FAIL: number;
  MANUAL: number;
  NOT_APPLICABLE: number;
  score: number | null;
}

/** One tile per framework: pass rate over judged rules, and the counts behind it. */
export function FrameworkScores({ scores }: { scores: FrameworkScore[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {scores.map((f) => (
        <li key={f.framework} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h3 className="text-sm font-medium text-slate-700">{f.label}</h3>
          <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900">{scoreText(f.score)}</p>
          <p className="mt-1 text-xs text-slate-700">
            {f.PASS} pass ·{' '}
            <Link
              to={`/compliance/findings?${new URLSearchParams({ result: 'FAIL', framework: f.framework })}`}
              className="text-indigo-700 underline"
            >
              {f.FAIL} fail<span className="sr-only"> in {f.label}</span>
            </Link>{' '}
            · {f.MANUAL} manual · {f.NOT_APPLICABLE} N/A
          </p>
        </li>
      ))}
    </ul>
  );
}
