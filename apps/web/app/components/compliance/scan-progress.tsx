import { Progress } from '@butterfly/ui';
import { Link, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { Notice } from '../notice.tsx';

export interface ScanProgressData {
  state: 'waiting' | 'done';
  result: {
    scanId: string;
    counts: { PASS: number; FAIL: number; MANUAL: number; NOT_APPLICABLE: number; accepted?: number };
    score: number | null;
    regressions: string[];
  } | null;
}

/** A queued scan nobody picks up within this long is reported as such instead of polled forever. */
const QUEUE_PATIENCE_MS = 120_000;

/**
 * A scan asked for by "Run scan": the page's data is loaded again every second and a half until the
 * worker has stored the scan (the loader reads its progress with the rest, so the table, the scores
 * and this result always agree), then its counts and new regressions.
 */
export function ScanProgress({
  connectionName,
  since,
  progress,
}: {
  connectionName: string;
  since: string;
  progress: ScanProgressData;
}) {
  const revalidator = useRevalidator();
  const patient = Date.now() - Date.parse(since) < QUEUE_PATIENCE_MS;
  const active = progress.state === 'waiting' && patient;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  const r = progress.result;
  return (
    <section
      aria-labelledby="scan-progress-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="scan-progress-heading" className="text-lg font-semibold">
        Scan of {connectionName}
      </h2>
      {active && (
        <>
          <Progress aria-label="Scan progress" value={null} max={100} valueText="Scan queued or running" />
          <p className="text-sm text-slate-700">
            Scan queued; the worker scans the latest snapshot and stores the result…
          </p>
        </>
      )}
      <div aria-live="polite">
        {progress.state === 'waiting' && !patient && (
          <Notice tone="warning" role="status">
            The scan is still queued: no worker has finished it. Check that the worker is running.
          </Notice>
        )}
        {r && (
          <Notice tone={r.counts.FAIL ? 'warning' : 'success'} role="status" title="Scan complete">
            {r.counts.PASS} passed, {r.counts.FAIL} failed, {r.counts.MANUAL} manual, {r.counts.NOT_APPLICABLE} not
            applicable{r.counts.accepted ? ` (${r.counts.accepted} failing accepted by exceptions)` : ''}
            {r.score === null ? '' : ` (score ${r.score}%)`}.{' '}
            {r.regressions.length ? (
              <>
                {r.regressions.length} new regression{r.regressions.length > 1 ? 's' : ''}: {r.regressions.join(', ')}.{' '}
                <Link to="/compliance/regressions" className="underline">
                  See what caused them
                </Link>
              </>
            ) : (
              'No new regressions.'
            )}
          </Notice>
        )}
      </div>
    </section>
  );
}
