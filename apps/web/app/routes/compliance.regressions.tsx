import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ComplianceNav } from '~/components/compliance/compliance-nav.tsx';
import { RegressionItem } from '~/components/compliance/regression-item.tsx';
import { authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Compliance regressions · Butterfly' }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const loader = authedLoader(async ({ request, caller }) => {
  const connection = new URL(request.url).searchParams.get('connection') ?? '';
  const regressions = await caller.compliance.regressions(
    UUID.test(connection) ? { connectionId: connection } : undefined,
  );
  return { regressions };
});

/** PASS → FAIL since each connection's previous scan, with the changes that caused them and who made them. */
export default function ComplianceRegressions() {
  const { regressions } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Regressions</h1>
      <ComplianceNav />
      <Card>
        <CardHeader>
          <CardTitle>
            {regressions.length} regression{regressions.length === 1 ? '' : 's'}
          </CardTitle>
          <CardDescription>
            Rules that passed in a connection's previous scan and fail in its latest, with each change (JSON path before
            → after) to the objects the rule read, and who made it according to Okta's System Log.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {regressions.length ? (
            regressions.map((r) => <RegressionItem key={`${r.scanId}-${r.ruleId}`} r={r} />)
          ) : (
            <p className="text-sm text-slate-700">
              No regressions: nothing that passed in the previous scan fails in the latest.
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
