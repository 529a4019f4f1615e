import type { Permission } from '@butterfly/domain/permissions';
import type { SetupStatus } from '@butterfly/domain/setup';
import { Time } from '~/components/time.tsx';
import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { formatCount, formatTime } from '~/utils/format.ts';

interface Step {
  id: string;
  title: string;
  done: boolean;
  /** What is there when done, or what to do when not. */
  detail: string;
  to: string;
  action: string;
  /** The permission the page's action needs: without it the step shows its status only. */
  permission: Permission;
}

/** The six steps of a new tenant, each done or not from real data (setup.status). */
export function setupSteps(s: SetupStatus): Step[] {
  const connection = s.lastBackup ? `/connections/${s.lastBackup.connectionId}` : '/connections';
  const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
  return [
    {
      id: 'connect',
      title: 'Connect your identity provider',
      done: s.connections > 0,
      detail: s.connections
        ? `${plural(s.connections, 'connection', 'connections')} to Okta.`
        : 'Add your Okta org with an API token or an OAuth service app.',
      to: '/connections',
      action: 'Add a connection',
      permission: 'connection.manage',
    },
    {
      id: 'backup',
      title: 'Take the first backup',
      done: s.backedUp,
      detail: s.lastBackup
        ? `Last backup ${formatTime(s.lastBackup.completedAt)} (${s.lastBackup.connectionName}).`
        : 'A backup stores the whole configuration and scans it for compliance.',
      to: connection,
      action: 'Back up now',
      permission: 'backup.run',
    },
    {
      id: 'schedule',
      title: 'Back up on a schedule',
      done: s.schedules > 0,
      detail: s.schedules
        ? `${plural(s.schedules, 'connection', 'connections')} backed up on a schedule.`
        : 'Hourly, daily or weekly backups, with retention.',
      to: connection,
      action: 'Set a schedule',
      permission: 'schedule.manage',
    },
    {
      id: 'sso',
      title: 'Sign in with single sign-on',
      done: s.sso,
      detail: s.sso
        ? 'Your team signs in through your identity provider.'
        : 'Let your team sign in through your identity provider (OIDC).',
      to: '/settings/sso',
      action: 'Set up SSO',
      permission: 'sso.manage',
    },
    {
      id: 'scim',
      title: 'Provision people with SCIM',
      done: s.scimTokens > 0,
      detail: s.scimTokens
        ? `${plural(s.scimTokens, 'active SCIM token', 'active SCIM tokens')}.`
        : 'Your identity provider creates accounts and keeps roles up to date.',
      to: '/settings/scim',
      action: 'Set up SCIM',
      permission: 'scim.manage',
    },
    {
      id: 'team',
      title: 'Invite your team',
      done: s.members > 1,
      detail:
        s.members > 1
          ? `${plural(s.members, 'member', 'members')}.`
          : 'Colleagues join at their first SSO sign-in or through SCIM; give them roles.',
      to: '/members',
      action: 'Manage members',
      permission: 'member.manage',
    },
  ];
}

export function SetupChecklist({ status, permissions }: { status: SetupStatus; permissions: readonly string[] }) {
  const steps = setupSteps(status);
  const done = steps.filter((s) => s.done).length;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Get started</CardTitle>
        <CardDescription>
          {done === steps.length ? 'Everything is set up.' : `${done} of ${steps.length} steps done.`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol aria-label="Setup steps" className="flex flex-col divide-y divide-slate-200">
          {steps.map((step) => (
            <li
              key={step.id}
              data-step={step.id}
              data-done={step.done}
              className="flex flex-wrap items-start justify-between gap-3 py-3"
            >
              <div className="flex min-w-0 items-start gap-3">
                <Badge variant={step.done ? 'success' : 'neutral'} className="shrink-0">
                  {step.done ? 'Done' : 'To do'}
                </Badge>
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{step.title}</p>
                  <p className="text-sm text-slate-700">{step.detail}</p>
                </div>
              </div>
              {permissions.includes(step.permission) ? (
                <Link to={step.to} className="shrink-0 text-sm font-medium text-indigo-700 underline">
                  {step.action}
                  <span className="sr-only"> ({step.title.toLowerCase()})</span>
                </Link>
              ) : (
                !step.done && <span className="shrink-0 text-sm text-slate-700">An administrator does this</span>
              )}
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}

/** Once there is a backup: when, of what, and how many findings the latest scans left open. */
export function StatusSummary({ status }: { status: SetupStatus }) {
  if (!status.lastBackup) return null;
  return (
    <section aria-labelledby="status-heading" className="flex flex-col gap-3">
      <h2 id="status-heading" className="text-xl font-semibold">
        Status
      </h2>
      <dl className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-md border border-slate-200 bg-white p-4">
          <dt className="text-sm font-medium text-slate-600">Last backup</dt>
          <dd className="mt-1">
            <Link
              to={`/connections/${status.lastBackup.connectionId}`}
              className="font-medium text-indigo-700 underline"
            >
              <Time iso={status.lastBackup.completedAt} />
            </Link>{' '}
            <span className="text-slate-700">of {status.lastBackup.connectionName}</span>
          </dd>
        </div>
        <div className="rounded-md border border-slate-200 bg-white p-4">
          <dt className="text-sm font-medium text-slate-600">Open findings</dt>
          <dd className="mt-1" data-testid="open-findings">
            {status.openFindings === null ? (
              <span className="text-slate-700">Not scanned yet</span>
            ) : (
              <Link to="/compliance/findings?result=FAIL" className="font-medium text-indigo-700 underline">
                {formatCount(status.openFindings)} failed {status.openFindings === 1 ? 'rule' : 'rules'}
              </Link>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
