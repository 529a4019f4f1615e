import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AccessReport } from '~/components/backups/access-report.tsx';
import { AddConnectionCard } from '~/components/backups/add-connection-card.tsx';
import { AddEntraConnectionCard } from '~/components/backups/add-entra-connection-card.tsx';
import { AddGoogleConnectionCard } from '~/components/backups/add-google-connection-card.tsx';
import { serviceAccountKeyOf } from '~/utils/service-account-key.ts';
import { type ConnectionRow, ConnectionsTable } from '~/components/backups/connections-table.tsx';
import { ActionNotices } from '~/components/action-notices.tsx';
import { formText } from '~/utils/form-text.ts';
import { backupRequestedUrl } from '~/utils/backup-request.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Connections · Butterfly' }];

/**
 * What a row says under a connection's name: the Okta org's URL; for Entra, the directory when it
 * was given by a domain (a GUID is an id, which list pages never show: it is on the connection's page).
 */
function providerLine(c: { provider: string; orgUrl: string; directoryId: string | null }) {
  if (c.provider === 'okta') return c.orgUrl;
  const label = c.provider === 'entra' ? 'Microsoft Entra ID' : 'Google Workspace';
  return c.directoryId && !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(c.directoryId) ? `${label} · ${c.directoryId}` : label;
}

export const loader = authedLoader(async ({ caller }) => {
  const [connections, me, readiness] = await Promise.all([
    caller.connections.list({ includeDeleted: true }),
    caller.me.get(),
    caller.restores.readiness(),
  ]);
  // A handful of connections per tenant: one short query each for their latest snapshots.
  const rows: ConnectionRow[] = await Promise.all(
    connections.map(async (c) => {
      const snaps = await caller.snapshots.list({ connectionId: c.id, limit: 20 });
      const last = snaps[0];
      const complete = snaps.find((s) => s.status === 'complete');
      return {
        id: c.id,
        name: c.name,
        orgUrl: providerLine(c),
        authKind: c.authKind,
        lastTest: c.lastTest,
        lastTestedAt: c.lastTestedAt,
        paused: c.paused,
        status: c.status,
        statusReason: c.statusReason,
        deleted: c.deleted,
        lastBackup: last ? { status: last.status, startedAt: last.startedAt, completedAt: last.completedAt } : null,
        lastCompleteAt: complete?.completedAt ?? null,
        lastRestorePreviewAt: readiness.find((r) => r.connectionId === c.id)?.computedAt ?? null,
        lastRestorePreviewSteps: readiness.find((r) => r.connectionId === c.id)?.steps ?? null,
      };
    }),
  );
  return {
    rows: rows.filter((r) => !r.deleted),
    deletedRows: rows.filter((r) => r.deleted),
    canBackup: me.permissions.includes('backup.run'),
    canManage: me.permissions.includes('connection.manage'),
  };
});

export const action = authedAction(async ({ caller, form, intent }) => {
  if (intent === 'backup') {
    const r = await caller.backups.run({ connectionId: formText(form, 'connectionId') });
    // The detail page shows the queued job's progress live.
    return redirect(backupRequestedUrl(r.connectionId, r));
  }
  if (intent === 'test') {
    const r = await caller.connections.test({ connectionId: formText(form, 'connectionId') });
    return { intent, name: r.connection.name, report: r.report };
  }
  if (intent === 'add-entra') {
    const secret = String(form.get('clientSecret') ?? '');
    const added = await caller.connections.addEntra({
      name: formText(form, 'name'),
      directoryId: formText(form, 'directoryId'),
      clientId: formText(form, 'clientId'),
      // The secret when one is given; otherwise the certificate (a PEM is never trimmed to fit).
      credentials: secret.trim()
        ? { kind: 'client_secret', clientSecret: secret }
        : { kind: 'certificate', certificatePem: String(form.get('certificatePem') ?? '') },
      ...(formText(form, 'loginUrl') ? { loginUrl: formText(form, 'loginUrl') } : {}),
      ...(formText(form, 'graphUrl') ? { graphUrl: formText(form, 'graphUrl') } : {}),
    });
    return { intent, ok: `${added.name} added. Test it, then back it up.` };
  }
  if (intent === 'add-google') {
    const added = await caller.connections.addGoogle({
      name: formText(form, 'name'),
      primaryDomain: formText(form, 'primaryDomain'),
      adminEmail: formText(form, 'adminEmail'),
      serviceAccountKey: await serviceAccountKeyOf(form),
      ...(formText(form, 'tokenUrl') ? { tokenUrl: formText(form, 'tokenUrl') } : {}),
      ...(formText(form, 'apiUrl') ? { apiUrl: formText(form, 'apiUrl') } : {}),
    });
    return { intent, ok: `${added.name} added. Test it, then back it up.` };
  }
  const credentials =
    formText(form, 'kind') === 'oauth'
      ? {
          kind: 'oauth' as const,
          clientId: formText(form, 'clientId'),
          privateKey: String(form.get('privateKey') ?? ''),
          ...(formText(form, 'keyId') ? { keyId: formText(form, 'keyId') } : {}),
        }
      : { kind: 'ssws' as const, token: formText(form, 'token') };
  const added = await caller.connections.add({
    name: formText(form, 'name'),
    orgUrl: formText(form, 'orgUrl'),
    credentials,
  });
  return { intent, ok: `${added.name} added. Test it, then back it up.` };
});

/** A refusal's field errors, for the form whose intent it answers (both add forms have a Name). */
function fieldsFor(result: unknown, intent: string): Record<string, string> | undefined {
  const r = result as { intent?: string; fields?: Record<string, string> } | undefined;
  return r?.fields && r.intent === intent ? r.fields : undefined;
}

export default function Connections() {
  const { rows, deletedRows, canBackup, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Connections</h1>
      <ActionNotices result={result} />
      {result && 'report' in result && result.report && (
        <AccessReport name={result.name ?? ''} report={result.report} />
      )}
      <Card>
        <CardHeader>
          <CardTitle>Identity providers backed up</CardTitle>
          <CardDescription>
            Each connection is backed up on its schedule and on demand; open one for its snapshots and schedule.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {rows.length ? (
            <ConnectionsTable rows={rows} canBackup={canBackup} canManage={canManage} />
          ) : (
            <p className="text-sm text-slate-700">No connections yet.</p>
          )}
        </CardContent>
      </Card>
      {deletedRows.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Deleted connections</CardTitle>
            <CardDescription>
              Deleted with their snapshots kept: read-only, never backed up again. Their snapshots, diffs and evidence
              stay available.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ConnectionsTable rows={deletedRows} canBackup={false} canManage={false} />
          </CardContent>
        </Card>
      )}
      {/* Keyed by the last success, so a saved form starts empty again (credentials never linger). */}
      {canManage && (
        <>
          <AddConnectionCard key={result && 'ok' in result ? result.ok : 'add'} errors={fieldsFor(result, 'add')} />
          <AddEntraConnectionCard
            key={result && 'ok' in result ? `entra ${result.ok}` : 'add-entra'}
            errors={fieldsFor(result, 'add-entra')}
          />
          <AddGoogleConnectionCard
            key={result && 'ok' in result ? `google ${result.ok}` : 'add-google'}
            errors={fieldsFor(result, 'add-google')}
          />
        </>
      )}
    </div>
  );
}
