import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { ComplianceNav } from '~/components/compliance/compliance-nav.tsx';
import { FilterSelect } from '~/components/compliance/filter-select.tsx';
import { FRAMEWORK_OPTIONS } from '~/components/compliance/framework-options.ts';
import { RESULT_LABEL, ResultBadge, SeverityBadge, frameworkList } from '~/components/compliance/result-badge.tsx';
import { authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Compliance findings · Butterfly' }];

const RESULTS = ['FAIL', 'PASS', 'MANUAL', 'NOT_APPLICABLE'] as const;
const SEVERITIES = ['CAT I', 'CAT II', 'CAT III'] as const;
const FRAMEWORKS = FRAMEWORK_OPTIONS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pick = <T extends string>(all: readonly T[], v: string | null): T | undefined =>
  all.includes(v as T) ? (v as T) : undefined;

export const loader = authedLoader(async ({ request, caller }) => {
  const q = new URL(request.url).searchParams;
  const filters = {
    result: pick(RESULTS, q.get('result')) ?? 'FAIL',
    severity: pick(SEVERITIES, q.get('severity')) ?? ('' as const),
    framework:
      pick(
        FRAMEWORKS.map(([f]) => f),
        q.get('framework'),
      ) ?? ('' as const),
    connection: UUID.test(q.get('connection') ?? '') ? q.get('connection')! : '',
  };
  const [findings, overview] = await Promise.all([
    caller.compliance.findings({
      results: [filters.result],
      ...(filters.severity ? { severities: [filters.severity] } : {}),
      ...(filters.framework ? { framework: filters.framework } : {}),
      ...(filters.connection ? { connectionId: filters.connection } : {}),
    }),
    caller.compliance.overview(),
  ]);
  return {
    filters,
    connections: overview.latest.map((s) => ({ id: s.connectionId, name: s.connectionName })),
    findings: findings.map((f) => ({
      scanId: f.scanId,
      connectionId: f.connectionId,
      connectionName: f.connectionName,
      ruleId: f.ruleId,
      title: f.title,
      severity: f.severity,
      frameworks: f.frameworks,
      result: f.result,
      reason: f.reason,
      acceptedUntil: f.exceptions?.[0]?.expiresAt ?? null,
      accepted: f.accepted === true,
    })),
  };
});

/** Rule results of each connection's latest scan, filtered by GET query parameters (bookmarkable). */
export default function ComplianceFindings() {
  const { filters, connections, findings } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Findings</h1>
      <ComplianceNav />
      <Form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter findings">
        <FilterSelect
          label="Result"
          name="result"
          value={filters.result}
          options={RESULTS.map((r) => [r, RESULT_LABEL[r]] as const)}
        />
        <FilterSelect
          label="Framework"
          name="framework"
          value={filters.framework}
          any="Any framework"
          options={FRAMEWORKS}
        />
        <FilterSelect
          label="Severity"
          name="severity"
          value={filters.severity}
          any="Any severity"
          options={SEVERITIES.map((s) => [s, s] as const)}
        />
        <FilterSelect
          label="Connection"
          name="connection"
          value={filters.connection}
          any="Every connection"
          options={connections.map((c) => [c.id, c.name] as const)}
        />
        <Button type="submit" size="sm">
          Apply filters
        </Button>
      </Form>
      <Card>
        <CardHeader>
          <CardTitle>
            {findings.length} {RESULT_LABEL[filters.result].toLowerCase()} result{findings.length === 1 ? '' : 's'}
          </CardTitle>
          <CardDescription>From each connection's latest scan, most severe first.</CardDescription>
        </CardHeader>
        <CardContent>
          {findings.length ? (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Rule</TableHead>
                  <TableHead>Severity</TableHead>
                  <TableHead>Result</TableHead>
                  <TableHead>Connection</TableHead>
                  <TableHead>Frameworks</TableHead>
                  <TableHead>Reason</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {findings.map((f) => (
                  <TableRow key={`${f.scanId}-${f.ruleId}`} className="align-top">
                    <TableCell>
                      <Link
                        to={`/compliance/rules/${encodeURIComponent(f.ruleId)}?${new URLSearchParams({ connection: f.connectionId })}`}
                        className="font-medium text-indigo-700 underline"
                      >
                        {f.ruleId}
                      </Link>
                      <span className="block text-sm text-slate-700">{f.title}</span>
                    </TableCell>
                    <TableCell>
                      <SeverityBadge severity={f.severity} />
                    </TableCell>
                    <TableCell>
                      <ResultBadge result={f.result} />
                      {f.acceptedUntil ? (
                        <Link to="/compliance/exceptions" className="mt-1 block text-xs text-slate-700 underline">
                          {f.accepted ? 'Accepted until' : 'Partly accepted until'} {f.acceptedUntil.slice(0, 10)}
                        </Link>
                      ) : null}
                    </TableCell>
                    <TableCell>{f.connectionName}</TableCell>
                    <TableCell className="text-xs text-slate-700">
                      {frameworkList(f.frameworks).map((x) => (
                        <span key={x} className="block">
                          {x}
                        </span>
                      ))}
                    </TableCell>
                    <TableCell className="text-sm">{f.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <p className="text-sm text-slate-700">No results match these filters.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
