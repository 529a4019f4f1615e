import { Progress } from '@butterfly/ui';
import { Link, useFetcher, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../notice.tsx';

export interface ScanProgressData {
  state: 'waiting' | 'done';
  result: { scanId: string; counts: { PASS: number; FAIL: number; MANUAL: number; NOT_APPLICABLE: number }; score: number | null; regressions: string[] } | null;
}

/** A queued scan nobody picks up within this long is reported as such instead of polled forever. */
const QUEUE_PATIENCE_MS = 120_000;

/**
 * A scan asked for by "Run scan": polls its progress each second until the worker has stored it,
 * then shows its counts and new regressions and reloads the page's data (the table, the scores).
 */
export function ScanProgress({ connectionId, connectionName, since }: { connectionId: string; connectionName: string; since: string }) {
  const fetcher = useFetcher<ScanProgressData>();
  const revalidator = useRevalidator();
  const data = fetcher.data;
  const done = data?.state === 'done';
  const patient = Date.now() - Date.parse(since) < QUEUE_PATIENCE_MS;
  const active = !done && patient;
  const wasActive = useRef(active);

  useEffect(() => {
    if (!active) return;
    const url = `/compliance/scan-progress?${new URLSearchParams({ connectionId, since })}`;
    fetcher.load(url);
    const timer = setInterval(() => fetcher.load(url), 1000);
    return () => clearInterval(timer);
  }, [active, connectionId, since]);

  // The result shows once the page's data has caught up (the table, the scores), so both agree.
  const [refresh, setRefresh] = useState<'none' | 'asked' | 'loading' | 'done'>('none');
  useEffect(() => {
    if (wasActive.current && !active) {
      revalidator.revalidate();
      setRefresh('asked');
    }
    wasActive.current = active;
  }, [active, revalidator]);
  useEffect(() => {
    if (refresh === 'asked' && revalidator.state === 'loading') setRefresh('loading');
    if (refresh === 'loading' && revalidator.state === 'idle') setRefresh('done');
  }, [refresh, revalidator.state]);

  const r = refresh === 'done' ? data?.result : undefined;
  return (
    <section aria-labelledby="scan-progress-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="scan-progress-heading" className="text-lg font-semibold">
        Scan of {connectionName}
      </h2>
      {(active || (done && !r)) && (
        <>
          <Progress aria-label="Scan progress" value={null} max={100} valueText="Scan queued or running" />
          <p className="text-sm text-slate-700">Scan queued; the worker scans the latest snapshot and stores the result…</p>
        </>
      )}
      <div aria-live="polite">
        {!done && !patient && (
          <Notice tone="warning" role="status">
            The scan is still queued: no worker has finished it. Check that the worker is running.
          </Notice>
        )}
        {r && (
          <Notice tone={r.counts.FAIL ? 'warning' : 'success'} role="status" title="Scan complete">
            {r.counts.PASS} passed, {r.counts.FAIL} failed, {r.counts.MANUAL} manual, {r.counts.NOT_APPLICABLE} not applicable
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
