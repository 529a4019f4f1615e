import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { EffectiveSettingsTable } from '~/components/backups/effective-settings-table.tsx';
import { JsonView } from '~/components/backups/json-view.tsx';
import { historyHref } from '~/components/backups/object-link.ts';
import { ObjectReadable } from '~/components/backups/object-readable.tsx';
import { Notice } from '~/components/notice.tsx';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { objectTypeLabel } from '~/utils/labels.ts';
import { authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.object.label ?? 'Object'} · Butterfly` },
];

export const loader = authedLoader(async ({ request, params, caller }) => {
  const q = new URL(request.url).searchParams;
  const object = await caller.snapshots.object({
    snapshotId: params.snapshotId ?? '',
    type: q.get('type') ?? '',
    id: q.get('id') ?? '',
  });
  return { connectionId: params.connectionId ?? '', object, effective: await effectiveOf(caller, object) };
});

type Caller = Parameters<Parameters<typeof authedLoader>[0]>[0]['caller'];
type Obj = Awaited<ReturnType<Caller['snapshots']['object']>>;

/** A Google org unit's or group's effective settings (decision 065); null for any other object. */
async function effectiveOf(caller: Caller, o: Obj) {
  const kind = (o.body as { kind?: unknown } | null)?.kind;
  const path = (o.body as { orgUnitPath?: unknown } | null)?.orgUnitPath;
  const q =
    kind === 'admin#directory#orgUnit' && typeof path === 'string'
      ? { orgUnit: path }
      : kind === 'admin#directory#group'
        ? { group: o.id }
        : null;
  if (!q) return null;
  const r = await caller.snapshots.effectiveSettings({ snapshotId: o.snapshotId, ...q });
  return [...r.orgUnits, ...r.groups][0] ?? null;
}

/** One object as the snapshot holds it: its key fields and references beside the API's JSON, with every secret masked. */
export default function SnapshotObject() {
  const { connectionId, object: o, effective } = useLoaderData<typeof loader>();
  const snapshotHref = `/connections/${connectionId}/snapshots/${o.snapshotId}?${new URLSearchParams({ type: o.type })}`;
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs
        trail={[
          { to: `/connections/${connectionId}`, label: 'Connection' },
          { to: snapshotHref, label: `Snapshot: ${objectTypeLabel(o.type)}` },
        ]}
      />
      <h1 className="text-3xl font-semibold tracking-tight">{o.label}</h1>
      <p className="text-sm text-slate-700">
        {objectTypeLabel(o.type)} <code className="rounded bg-slate-100 px-1">{o.id}</code> ·{' '}
        <Link to={historyHref(connectionId, o.type, o.id)} className="text-indigo-700 underline">
          History of this object
        </Link>
      </p>
      {o.secrets.length > 0 && (
        <Notice tone="info" title="Secrets are not shown">
          Butterfly never shows (and never stores) write-only secrets; a restore asks for them again:{' '}
          {o.secrets.map((s) => s.replace(/^\$\.?/, '')).join(', ')}.
        </Notice>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle asLevel="h2">Summary</CardTitle>
            <CardDescription>
              The fields people read first, and the objects this one names, in the same snapshot.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ObjectReadable
              connectionId={connectionId}
              snapshotId={o.snapshotId}
              fields={o.fields}
              references={o.references}
            />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle asLevel="h2">JSON</CardTitle>
            <CardDescription>
              Exactly as the identity provider's API returned it, minus navigation links.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <JsonView value={o.body} label={`JSON of ${o.label}`} />
          </CardContent>
        </Card>
        {effective && (
          <Card className="min-w-0 lg:col-span-2">
            <CardHeader>
              <CardTitle asLevel="h2">Effective settings</CardTitle>
              <CardDescription>
                {effective.kind === 'orgUnit'
                  ? 'What applies in this org unit: its own policies, else its nearest parent’s; among policies of one setting the highest sort order wins. This is what the SCuBA GWS checks judge.'
                  : 'This group’s own policies, which apply to its members over their org units’ (highest sort order first).'}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <EffectiveSettingsTable
                connectionId={connectionId}
                snapshotId={o.snapshotId}
                name={effective.name}
                rows={effective.settings}
              />
            </CardContent>
          </Card>
        )}
      </div>
    </div>
  );
}
