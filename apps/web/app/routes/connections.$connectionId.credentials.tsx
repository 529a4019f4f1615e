import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { CredentialsTable } from '~/components/credentials/credentials-table.tsx';
import { Time } from '~/components/time.tsx';
import { authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Secrets and certificates · ${data?.connection.name ?? 'Connection'} · Butterfly` },
];

export const loader = authedLoader(async ({ params, caller }) => {
  return await caller.snapshots.credentials({ connectionId: params.connectionId ?? '' });
});

/** Every app client secret and signing key the latest backup saw, soonest expiry first. */
export default function SecretsAndCertificates() {
  const { connection, snapshot, credentials } = useLoaderData<typeof loader>();
  const soon = credentials.filter((c) => c.daysLeft !== null && c.daysLeft <= 30).length;
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs
        trail={[
          { to: '/connections', label: 'Connections' },
          { to: `/connections/${connection.id}`, label: connection.name },
        ]}
      />
      <h1 className="text-3xl font-semibold tracking-tight">Secrets and certificates</h1>
      <Card>
        <CardHeader>
          <CardTitle asLevel="h2">App client secrets and signing keys</CardTitle>
          <CardDescription>
            {snapshot ? (
              <>
                From the backup of <Time iso={snapshot.completedAt ?? ''} />. Butterfly keeps only their ids, status and
                dates, never a secret or a key.{' '}
                {soon ? `${soon} expire${soon === 1 ? 's' : ''} within 30 days.` : 'None expires within 30 days.'}
              </>
            ) : (
              'No complete backup yet: take one to see the secrets and keys of this connection.'
            )}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {snapshot && credentials.length > 0 && (
            <CredentialsTable connectionId={connection.id} snapshotId={snapshot.id} rows={credentials} />
          )}
          {snapshot && credentials.length === 0 && (
            <p className="text-sm text-slate-700">The latest backup holds no app secrets or signing keys.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
