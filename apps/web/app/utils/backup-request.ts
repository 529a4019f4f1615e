import { describeActor } from './labels.ts';

/** What "Back up now" answered (the domain's requestBackup). */
interface BackupRequestAnswer {
  alreadyRunning: boolean;
  state: 'queued' | 'running';
  since: Date | string;
  by: string;
}

/**
 * Where "Back up now" lands: the connection page, following the run. When a backup was already
 * queued or running, the page also says so (and by whom) instead of pretending a new one started.
 */
export function backupRequestedUrl(connectionId: string, r: BackupRequestAnswer) {
  const q = new URLSearchParams({ requested: new Date(r.since).toISOString() });
  if (r.alreadyRunning) {
    q.set('already', r.state);
    q.set('by', r.by);
  }
  return `/connections/${connectionId}?${q}`;
}

/** "A backup is already running — started 12 s ago by alice@acme.test." from the landing URL. */
export function alreadyRunningNotice(params: URLSearchParams, now: Date): string | null {
  const state = params.get('already');
  const since = Date.parse(params.get('requested') ?? '');
  if ((state !== 'running' && state !== 'queued') || Number.isNaN(since)) return null;
  const raw = (params.get('by') ?? '').slice(0, 200);
  const by = raw && describeActor(raw);
  const verb = state === 'running' ? 'started' : 'queued';
  return `A backup is already ${state} — ${verb} ${ago(now.getTime() - since)}${by ? ` by ${by}` : ''}. No second one was started.`;
}

function ago(ms: number) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}
