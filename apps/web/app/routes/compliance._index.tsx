import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ComplianceNav } from '~/components/compliance/compliance-nav.tsx';
import { FilterSelect } from '~/components/compliance/filter-select.tsx';
import { FingerprintCard } from '~/components/compliance/fingerprint-card.tsx';
import { FRAMEWORK_OPTIONS, frameworkParam } from '~/components/compliance/framework-options.ts';
import { FrameworkScores } from '~/components/compliance/framework-scores.tsx';
import { LatestScansTable } from '~/components/compliance/latest-scans-table.tsx';
import { PeriodEvidenceCard } from '~/components/compliance/period-evidence-card.tsx';
import { RegressionItem } from '~/components/compliance/regression-item.tsx';
import { ScanProgress } from '~/components/compliance/scan-progress.tsx';
import { ScoreTrend } from '~/components/compliance/score-trend.tsx';
import { ActionNotices } from '~/components/action-notices.tsx';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Compliance · Butterfly' }];

export const loader = authedLoader(async ({ request, caller }) => {
  const q = new URL(request.url).searchParams;
  const framework = frameworkParam(q.get('framework'));
  // Set by "Run scan" (the action's redirect): which connection's scan to follow, since when.
  // A mangled address shows the page without the panel rather than an error.
  const [scanning, since] = [
    q.get('scanning'),
    /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(q.get('since') ?? '') ? q.get('since') : null,
  ];
  const [overview, key, regressions, self, progress] = await Promise.all([
    caller.compliance.overview(framework ? { framework } : undefined),
    caller.evidence.fingerprint(),
    caller.compliance.regressions(),
    caller.me.get(),
    scanning && since ? caller.compliance.scanProgress({ connectionId: scanning, since }) : null,
  ]);
  return {
    framework: framework ?? '',
    overview,
    key: { algorithm: key.algorithm, fingerprint: key.fingerprint, version: key.version, createdAt: key.createdAt },
    regressions,
    canRun: self.permissions.includes('compliance.run'),
    canExport: self.permissions.includes('evidence.export'),
    scanning: scanning && since && progress ? { connectionId: scanning, since, progress } : null,
    // The period form's default window: the last 90 days, in UTC days.
    period: {
      from: new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
    },
  };
});

export const action = authedAction(
  async ({ caller, form }) => {
    const r = await caller.compliance.requestScan({ connectionId: String(form.get('connectionId') ?? '') });
    return redirect(`/compliance?${new URLSearchParams({ scanning: r.connectionId, since: r.requestedAt })}`);
  },
  { intent: 'run' },
);

/** Compliance at a glance: scores per framework, each connection's latest scan, the trend, regressions, and the evidence key. */
export default function ComplianceOverview() {
  const { framework, overview, key, regressions, canRun, canExport, scanning, period } = useLoaderData<typeof loader>();
  const frameworkLabel = FRAMEWORK_OPTIONS.find(([id]) => id === framework)?.[1];
  const result = useActionData<typeof action>();
  const names = Object.fromEntries(overview.latest.map((s) => [s.connectionId, s.connectionName]));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Compliance</h1>
      <ComplianceNav />
      <ActionNotices result={result} />
      {scanning && (
        <ScanProgress
          key={scanning.since}
          connectionName={names[scanning.connectionId] ?? 'the connection'}
          since={scanning.since}
          progress={scanning.progress}
        />
      )}
      <Form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter by framework">
        <FilterSelect
          label="Framework"
          name="framework"
          value={framework}
          any="Every framework"
          options={FRAMEWORK_OPTIONS}
        />
        <Button type="submit" size="sm">
          Apply
        </Button>
      </Form>
      <FingerprintCard k={key} />
      <section aria-labelledby="scores-heading" className="flex flex-col gap-3">
        <h2 id="scores-heading" className="text-xl font-semibold">
          Score per framework
        </h2>
        <p className="text-sm text-slate-700">
          Pass rate over rules judged in each connection's latest scan; manual and not-applicable rules are counted but
          not scored.
          {frameworkLabel
            ? ` Only rules mapped to ${frameworkLabel}: the latest scans' counts and evidence bundles below are limited to them too.`
            : ''}
        </p>
        <FrameworkScores scores={overview.frameworks} />
      </section>
      <Card>
        <CardHeader>
          <CardTitle>Latest scan per connection</CardTitle>
          <CardDescription>
            A backup queues a scan of its snapshot; Run scan scans the connection's latest snapshot again. A scan reads
            only the stored snapshot, so it can be run again and agrees.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {overview.latest.length ? (
            <LatestScansTable
              scans={overview.latest}
              canRun={canRun}
              canExport={canExport}
              framework={framework || undefined}
            />
          ) : (
            <p className="text-sm text-slate-700">
              No scans yet.{' '}
              <Link to="/connections" className="text-indigo-700 underline">
                Back up a connection
              </Link>{' '}
              and its snapshot is scanned.
            </p>
          )}
        </CardContent>
      </Card>
      {canExport && overview.latest.length > 0 && (
        <PeriodEvidenceCard
          connections={overview.latest.map((s) => [s.connectionId, s.connectionName] as const)}
          from={period.from}
          to={period.to}
        />
      )}
      <Card>
        <CardHeader>
          <CardTitle>Trend</CardTitle>
        </CardHeader>
        <CardContent>
          <ScoreTrend trend={overview.trend} names={names} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Regressions</CardTitle>
          <CardDescription>Rules that passed in a connection's previous scan and fail in its latest.</CardDescription>
        </CardHeader>
        <CardContent>
          {regressions.length ? (
            <>
              {regressions.map((r) => (
                <RegressionItem key={`${r.scanId}-${r.ruleId}`} r={r} brief />
              ))}
              <Link to="/compliance/regressions" className="mt-2 inline-block text-indigo-700 underline">
                Regressions with their causing changes
              </Link>
            </>
          ) : (
            <p className="text-sm text-slate-700">No regressions: nothing that passed before fails now.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
