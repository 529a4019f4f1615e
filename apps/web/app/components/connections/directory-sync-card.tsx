import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { ago } from './freshness-card.tsx';

export interface DirectorySyncInfo {
  enabled: boolean;
  groups: Record<'super_admin' | 'admin' | 'backup_operator' | 'auditor' | 'read_only', string>;
  running: boolean;
  lastStartedAt: string | null;
  lastSuccessAt: string | null;
  lagSeconds: number | null;
  counts: Record<string, number> | null;
  missingGroups: string[];
  lastError: { code: string; message: string } | null;
  watch: { expiresAt: string; expired: boolean; lastCallAt: string | null } | null;
}

const ROLE_LABELS = [
  ['super_admin', 'Super admin'],
  ['admin', 'Admin'],
  ['backup_operator', 'Backup operator'],
  ['auditor', 'Auditor'],
  ['read_only', 'Read-only'],
] as const;

/** "4 min", "2 h": the lag of the members behind Google. */
function lag(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/**
 * Decision 064: a Google connection's directory sync — members and roles pulled from five Google
 * groups — with its last run, lag and last error; admins turn it on or off and sync now.
 */
export function DirectorySyncCard({
  s,
  renderedAt,
  canManage,
  paused,
}: {
  s: DirectorySyncInfo;
  renderedAt: number;
  canManage: boolean;
  paused: boolean;
}) {
  const c = s.counts;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Directory sync</CardTitle>
        <CardDescription>
          Members and their roles come from your Google groups; a suspended account loses every session and token at the
          next sync.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col items-start gap-3 text-sm">
        <p>
          Directory sync is <strong data-testid="directory-sync-state">{s.enabled ? 'on' : 'off'}</strong>
          {s.running ? ' and running now' : ''}.{' '}
          <span data-testid="directory-sync-last">
            {s.lastSuccessAt
              ? `Last successful sync ${ago(s.lastSuccessAt, renderedAt)} (lag ${lag(s.lagSeconds ?? 0)}).`
              : s.lastStartedAt
                ? 'No sync has succeeded yet.'
                : 'It has never run.'}
          </span>
        </p>
        {c && (
          <p>
            Last run: {c.users ?? 0} users read, {c.created} created, {c.updated} updated, {c.reactivated} reactivated,{' '}
            {c.deactivated} deactivated
            {c.conflict ? `, ${c.conflict} left alone (same email as another member)` : ''}.
          </p>
        )}
        {s.missingGroups.length > 0 && (
          <p role="alert" className="text-amber-900" data-testid="directory-sync-missing">
            Not found in Google, so nobody has these roles from them: {s.missingGroups.join(', ')}.
          </p>
        )}
        {s.lastError && (
          <p role="alert" className="text-red-800" data-testid="directory-sync-error">
            The last sync failed ({s.lastError.code}): {s.lastError.message}
          </p>
        )}
        {s.watch && (
          <p data-testid="directory-sync-watch">
            Google calls Butterfly on each change of a user
            {s.watch.expired ? ' no longer: the channel expired (run directory-sync watch again)' : ''}; last call{' '}
            {s.watch.lastCallAt ? ago(s.watch.lastCallAt, renderedAt) : 'never'}.
          </p>
        )}
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 break-all">
          {ROLE_LABELS.map(([role, label]) => (
            <div key={role} className="contents">
              <dt className="text-slate-700">{label}</dt>
              <dd className="font-mono text-xs">{s.groups[role]}</dd>
            </div>
          ))}
        </dl>
        {canManage && (
          <Form method="post" className="flex flex-wrap gap-2">
            <Button type="submit" name="intent" value="directory-sync-now" variant="outline" disabled={paused}>
              Sync now
            </Button>
            <Button
              type="submit"
              name="intent"
              value={s.enabled ? 'directory-sync-off' : 'directory-sync-on'}
              variant="outline"
            >
              {s.enabled ? 'Turn off directory sync' : 'Turn on directory sync'}
            </Button>
          </Form>
        )}
      </CardContent>
    </Card>
  );
}
