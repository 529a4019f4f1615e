import { DEFAULT_RETENTION } from '@butterfly/domain/schedules';
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AccessReport } from '~/components/backups/access-report.tsx';
import { BackupProgress } from '~/components/backups/backup-progress.tsx';
import { CompareForm } from '~/components/backups/compare-form.tsx';
import { ConnectionHealth } from '~/components/backups/connection-health.tsx';
import { ScheduleCard } from '~/components/backups/schedule-card.tsx';
import { SnapshotCharts } from '~/components/backups/snapshot-charts.tsx';
import { SnapshotsTable } from '~/components/backups/snapshots-table.tsx';
import { ActionNotices } from '~/components/action-notices.tsx';
import { formText } from '~/utils/form-text.ts';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { alreadyRunningNotice, backupRequestedUrl } from '~/utils/backup-request.ts';
import { ConnectionStateBadges, ConnectionStateNotices } from '~/components/connections/connection-state.tsx';
import { DeleteConnectionCard } from '~/components/connections/delete-connection-card.tsx';
import { EditConnectionCard } from '~/components/connections/edit-connection-card.tsx';
import { DirectorySyncCard } from '~/components/connections/directory-sync-card.tsx';
import { FreshnessCard } from '~/components/connections/freshness-card.tsx';
import { PauseConnectionCard } from '~/components/connections/pause-connection-card.tsx';
import { isManageIntent, manageConnection } from '~/utils/connection-manage.server.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.connection.name ?? 'Connection'} · Butterfly` },
];

export const loader = authedLoader(async ({ request, params, caller }) => {
  const connectionId = params.connectionId ?? '';
  const [connection, schedule, snapshots, progress, me] = await Promise.all([
    caller.connections.get({ connectionId }),
    caller.schedules.get({ connectionId }),
    caller.snapshots.list({ connectionId, limit: 100 }),
    caller.backups.progress({ connectionId }),
    caller.me.get(),
  ]);
  const requested = new URL(request.url).searchParams.get('requested');
  // Decision 064: a Google connection's members come from its directory.
  const directorySync =
    connection.provider === 'google' && !connection.deleted
      ? await caller.directorySync.status({ connectionId })
      : null;
  return {
    directorySync,
    connection: {
      id: connection.id,
      name: connection.name,
      orgUrl: connection.orgUrl,
      authKind: connection.authKind,
      rateLimitShare: connection.rateLimitShare,
      lastTest: connection.lastTest,
      lastTestedAt: connection.lastTestedAt,
      paused: connection.paused,
      status: connection.status,
      statusReason: connection.statusReason,
      deleted: connection.deleted,
      freshness: connection.freshness,
    },
    renderedAt: Date.now(),
    schedule: schedule.schedule,
    snapshots: snapshots.map((s) => ({
      id: s.id,
      status: s.status,
      trigger: s.trigger,
      startedAt: s.startedAt,
      completedAt: s.completedAt,
      durationMs: s.durationMs,
      objectCount: s.objectCount,
      changes: s.changes,
      bytesWritten: s.bytesWritten,
      error: s.error,
    })),
    progress,
    requestedAt: requested && !Number.isNaN(Date.parse(requested)) ? requested : null,
    alreadyRunning: alreadyRunningNotice(new URL(request.url).searchParams, new Date()),
    // Sent from the loader: the page must not import the domain package into the browser bundle.
    defaults: DEFAULT_RETENTION,
    can: {
      backup: me.permissions.includes('backup.run') && !connection.deleted,
      test: me.permissions.includes('connection.manage') && !connection.deleted,
      schedule: me.permissions.includes('schedule.manage') && !connection.deleted,
      manage: me.permissions.includes('connection.manage'),
    },
  };
});

export const action = authedAction(async ({ params, caller, form, intent, context }) => {
  const connectionId = params.connectionId ?? '';
  // Decision 048: event-driven freshness, and the Okta event hook's URL and secret (shown once).
  if (intent === 'freshness-on' || intent === 'freshness-off') {
    const on = intent === 'freshness-on';
    await caller.connections.setFreshness({ connectionId, enabled: on });
    return { intent, ok: on ? 'Event-driven freshness is on.' : 'Event-driven freshness is off.' };
  }
  if (intent === 'event-hook') {
    const h = await caller.connections.rotateEventHookSecret({ connectionId });
    return { intent, hook: { url: `${context.services.appUrl}${h.path}`, header: h.header, secret: h.secret } };
  }
  if (intent === 'directory-sync-on' || intent === 'directory-sync-off') {
    const on = intent === 'directory-sync-on';
    await caller.directorySync.set({ connectionId, enabled: on });
    return { intent, ok: on ? 'Directory sync is on.' : 'Directory sync is off.' };
  }
  if (intent === 'directory-sync-now') {
    await caller.directorySync.run({ connectionId });
    return { intent, ok: 'A directory sync is queued; reload in a moment for its result.' };
  }
  if (intent === 'backup') {
    return redirect(backupRequestedUrl(connectionId, await caller.backups.run({ connectionId })));
  }
  if (intent === 'test') return { intent, report: (await caller.connections.test({ connectionId })).report };
  if (isManageIntent(intent)) return await manageConnection(caller, connectionId, intent, form);
  const frequency = formText(form, 'frequency') as 'hourly' | 'daily' | 'weekly' | 'cron';
  const keep = (k: string) => Number(formText(form, `keep_${k}`));
  const saved = await caller.schedules.set({
    connectionId,
    enabled: form.get('enabled') === 'on',
    frequency,
    ...(frequency === 'cron' ? { cron: formText(form, 'cron') } : {}),
    timezone: formText(form, 'timezone') || 'UTC',
    retention: { hourly: keep('hourly'), daily: keep('daily'), weekly: keep('weekly'), monthly: keep('monthly') },
  });
  return { intent, ok: saved.enabled ? 'Schedule saved.' : 'Schedule saved: scheduled backups are off.' };
});

export default function ConnectionPage() {
  const {
    connection: c,
    directorySync,
    schedule,
    snapshots,
    progress,
    requestedAt,
    alreadyRunning,
    defaults,
    can,
    renderedAt,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs trail={[{ to: '/connections', label: 'Connections' }]} />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="break-all text-3xl font-semibold tracking-tight">{c.name}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            {c.orgUrl} · {c.authKind === 'oauth' ? 'OAuth service app' : 'SSWS token'} ·{' '}
            <ConnectionHealth lastTest={c.lastTest} /> <ConnectionStateBadges c={c} />
          </p>
          <p className="text-sm">
            <Link to={`/connections/${c.id}/credentials`} className="text-indigo-700 underline">
              Secrets and certificates
            </Link>
            {' · '}
            <Link to={`/connections/${c.id}/break-glass`} className="text-indigo-700 underline">
              Break-glass accounts
            </Link>
          </p>
        </div>
        <Form method="post" className="flex gap-2">
          {can.backup && (
            // Paused: the server refuses it too (CONNECTION_PAUSED); the notice below says why.
            <Button type="submit" name="intent" value="backup" disabled={!!c.paused}>
              Backup now
            </Button>
          )}
          {can.test && (
            <Button type="submit" name="intent" value="test" variant="outline">
              Test connection
            </Button>
          )}
        </Form>
      </div>
      {alreadyRunning && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {alreadyRunning}
        </p>
      )}
      <ConnectionStateNotices c={c} canManage={can.manage} manageHref="#edit" />
      <ActionNotices result={result} />
      {result && 'report' in result && result.report && <AccessReport name={c.name} report={result.report} />}
      <BackupProgress key={requestedAt ?? 'idle'} connectionId={c.id} initial={progress} requestedAt={requestedAt} />
      {!c.deleted && (
        <FreshnessCard
          f={c.freshness}
          renderedAt={renderedAt}
          canManage={can.manage}
          hook={result && 'hook' in result ? result.hook : undefined}
        />
      )}
      {directorySync && (
        <DirectorySyncCard s={directorySync} renderedAt={renderedAt} canManage={can.manage} paused={!!c.paused} />
      )}
      <Card>
        <CardHeader>
          <CardTitle>Snapshots</CardTitle>
          <CardDescription>
            Each complete snapshot is the whole configuration as it was; only what changed is stored again.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <SnapshotCharts snapshots={snapshots} />
          <CompareForm connectionId={c.id} snapshots={snapshots} />
          {snapshots.length ? (
            <SnapshotsTable connectionId={c.id} snapshots={snapshots} />
          ) : (
            <p className="text-sm text-slate-700">No snapshots yet.</p>
          )}
        </CardContent>
      </Card>
      {!c.deleted && (
        <ScheduleCard
          schedule={schedule}
          defaults={defaults}
          canEdit={can.schedule}
          errors={result && 'fields' in result && result.intent !== 'edit' ? result.fields : undefined}
        />
      )}
      {can.manage && (
        <section aria-labelledby="manage-heading" className="flex flex-col gap-4">
          <h2 id="manage-heading" className="text-xl font-semibold">
            Manage connection
          </h2>
          {!c.deleted && (
            <EditConnectionCard
              key={c.name}
              name={c.name}
              provider={
                c.authKind === 'service_account'
                  ? 'google'
                  : c.authKind === 'client_secret' || c.authKind === 'certificate'
                    ? 'entra'
                    : 'okta'
              }
              rateLimitShare={c.authKind === 'oauth' ? c.rateLimitShare : undefined}
              errors={result && 'fields' in result && result.intent === 'edit' ? result.fields : undefined}
            />
          )}
          {!c.deleted && <PauseConnectionCard paused={!!c.paused} />}
          <DeleteConnectionCard
            name={c.name}
            snapshots={snapshots.length >= 100 ? '100 or more' : String(snapshots.length)}
            deleted={!!c.deleted}
            error={result && 'error' in result && result.intent === 'delete' ? result.error : undefined}
          />
        </section>
      )}
    </div>
  );
}
