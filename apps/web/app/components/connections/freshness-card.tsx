import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { useEffect, useState } from 'react';

export interface FreshnessInfo {
  enabled: boolean;
  recoveryPoint: string | null;
  recoveryPointFrom: 'backup' | 'system_log' | null;
  lastError: string | null;
  hookConfigured: boolean;
  hookReceivedAt: string | null;
}

/** "40 s ago", "3 min ago", "2 h ago", "3 days ago". */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

/** The recovery point in words, kept current while the page is open (the server's figure, counted on). */
export function RecoveryPoint({ f, renderedAt }: { f: FreshnessInfo; renderedAt: number }) {
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(t);
  }, []);
  if (!f.recoveryPoint) return <span data-testid="recovery-point">Not protected yet: no complete backup.</span>;
  return (
    <span data-testid="recovery-point" title={f.recoveryPoint}>
      Protected up to {ago(f.recoveryPoint, now)}
      {f.recoveryPointFrom === 'system_log' ? ' (System Log)' : ' (last backup)'}
    </span>
  );
}

/**
 * Event-driven freshness (decision 048): on, each change in Okta is snapshotted within a minute
 * (System Log polling, sooner with the event hook); the recovery point says how far back a restore
 * could lose changes. The hook's secret is shown once, right after it is made.
 */
export function FreshnessCard({
  f,
  renderedAt,
  canManage,
  hook,
}: {
  f: FreshnessInfo;
  renderedAt: number;
  canManage: boolean;
  hook?: { url: string; header: string; secret: string };
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recovery point</CardTitle>
        <CardDescription>
          <RecoveryPoint f={f} renderedAt={renderedAt} />. Every change made in Okta before then is in a snapshot.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col items-start gap-3 text-sm">
        <p>
          Event-driven freshness is <strong data-testid="freshness-state">{f.enabled ? 'on' : 'off'}</strong>.{' '}
          {f.enabled
            ? 'The System Log is read every 30 seconds by default, and each change is snapshotted on its own between scheduled backups.'
            : 'Between scheduled backups, changes are not protected. Turn it on to snapshot each change within a minute.'}
        </p>
        {f.lastError && (
          <p role="alert" className="text-red-800">
            The last System Log read failed: {f.lastError}
          </p>
        )}
        {f.enabled && (
          <p>
            Okta event hook:{' '}
            {f.hookReceivedAt
              ? `last call ${ago(f.hookReceivedAt, renderedAt)}`
              : f.hookConfigured
                ? 'set up, no call yet'
                : 'not set up (optional: changes then arrive within seconds)'}
            .
          </p>
        )}
        {hook && (
          <div role="status" className="w-full rounded-md border border-amber-300 bg-amber-50 p-3">
            <p className="font-medium">Paste these into Okta (Workflow → Event Hooks). The secret is shown only now.</p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 break-all font-mono text-xs">
              <dt>URL</dt>
              <dd data-testid="hook-url">{hook.url}</dd>
              <dt>Header name</dt>
              <dd>{hook.header}</dd>
              <dt>Header value</dt>
              <dd data-testid="hook-secret">{hook.secret}</dd>
            </dl>
          </div>
        )}
        {canManage && (
          <Form method="post" className="flex flex-wrap gap-2">
            <Button type="submit" name="intent" value={f.enabled ? 'freshness-off' : 'freshness-on'} variant="outline">
              {f.enabled ? 'Turn off event-driven freshness' : 'Turn on event-driven freshness'}
            </Button>
            {f.enabled && (
              <Button type="submit" name="intent" value="event-hook" variant="outline">
                {f.hookConfigured ? 'Replace the event hook secret' : 'Set up the Okta event hook'}
              </Button>
            )}
          </Form>
        )}
      </CardContent>
    </Card>
  );
}
