import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
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
  return { connectionId: params.connectionId ?? '', object };
});

/** One object as the snapshot holds it: its key fields and references beside the API's JSON, with every secret masked. */
export default function SnapshotObject() {
  const { connectionId, object: o } = useLoaderData<typeof loader>();
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
            <CardDescription>Exactly as Okta's API returned it, minus navigation links.</CardDescription>
          </CardHeader>
          <CardContent>
            <JsonView value={o.body} label={`JSON of ${o.label}`} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
