import { Progress } from '@butterfly/ui';
import { useFetcher, useRevalidator } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { formatCount } from '~/utils/format.ts';
import { Notice } from '../notice.tsx';
import { rateLimitText } from '~/utils/rate-limit-text.ts';
import { failureText } from '~/utils/human-text.ts';

export interface ProgressData {
  running: {
    phase: string;
    objects: number;
    requests: number;
    rateLimitWaits: number;
    rateLimitWaitMs?: number | null;
    expectedObjects: number | null;
    stale: boolean;
  } | null;
  latest: { snapshotId: string; status: 'complete' | 'failed'; startedAt: string; error: string | null } | null;
}

const PHASES: Record<string, string> = {
  starting: 'Starting',
  reading: 'Reading objects from Okta',
  finishing: 'Finishing the snapshot',
  done: 'Done',
};
/** A queued job nobody picks up within this long is reported as such instead of polled forever. */
const QUEUE_PATIENCE_MS = 120_000;

/**
 * The live state of this connection's backup. Polls the progress resource route each second while a
 * backup runs or one was just requested and has not started; when it ends, the page's loaders run
 * again so the new snapshot shows in the list and the charts.
 */
export function BackupProgress({
  connectionId,
  initial,
  requestedAt,
}: {
  connectionId: string;
  initial: ProgressData;
  requestedAt: string | null;
}) {
  const fetcher = useFetcher<ProgressData>();
  const revalidator = useRevalidator();
  const data = fetcher.data ?? initial;
  const finishedSinceRequest = !!requestedAt && !!data.latest && data.latest.startedAt >= requestedAt;
  const patient = !!requestedAt && Date.now() - Date.parse(requestedAt) < QUEUE_PATIENCE_MS;
  const queued = !!requestedAt && !data.running && !finishedSinceRequest;
  const active = !!data.running || (queued && patient);
  const wasActive = useRef(active);

  // Not on `fetcher`: it changes every render; the timer restarts only when polling starts, stops or the connection changes.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => fetcher.load(`/connections/${connectionId}/progress`), 1000);
    return () => clearInterval(timer);
  }, [active, connectionId]);

  useEffect(() => {
    if (wasActive.current && !active) revalidator.revalidate();
    wasActive.current = active;
  }, [active, revalidator]);

  const run = data.running;
  return (
    <section
      aria-labelledby="progress-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="progress-heading" className="text-lg font-semibold">
        Backup progress
      </h2>
      {run ? (
        <>
          <Progress
            aria-label="Backup progress"
            value={run.expectedObjects ? run.objects : null}
            max={run.expectedObjects ?? 100}
            valueText={
              run.expectedObjects
                ? `${formatCount(run.objects)} of about ${formatCount(run.expectedObjects)} objects`
                : `${formatCount(run.objects)} objects so far`
            }
          />
          <p className="text-sm text-slate-700">
            <span className="font-medium">{PHASES[run.phase] ?? run.phase}</span>: {formatCount(run.objects)}
            {run.expectedObjects ? ` of about ${formatCount(run.expectedObjects)}` : ''} objects ·{' '}
            {formatCount(run.requests)} API requests
          </p>
          {run.rateLimitWaits > 0 && (
            <p className="text-sm text-slate-700">
              {rateLimitText(run.rateLimitWaits, run.rateLimitWaitMs, { running: true })}
            </p>
          )}
          {run.stale && (
            <Notice tone="warning">This backup stopped reporting; the next backup will take over from it.</Notice>
          )}
        </>
      ) : queued && patient ? (
        <>
          <Progress aria-label="Backup progress" value={null} max={100} valueText="Queued, waiting for a worker" />
          <p className="text-sm text-slate-700">Backup queued; waiting for a worker to start it…</p>
        </>
      ) : queued ? (
        <Notice tone="warning" role="status">
          The backup is still queued: no worker has started it. Check that the worker is running.
        </Notice>
      ) : null}
      <div aria-live="polite">
        {!active && finishedSinceRequest && data.latest?.status === 'complete' && (
          <Notice tone="success" role="status">
            Backup complete.
          </Notice>
        )}
        {!active && finishedSinceRequest && data.latest?.status === 'failed' && (
          <Notice tone="danger" role="alert">
            The backup failed: {failureText(data.latest.error)}
          </Notice>
        )}
        {!active && !requestedAt && !run && <p className="text-sm text-slate-700">No backup is running.</p>}
      </div>
    </section>
  );
}
