import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { Fragment } from 'react';
import { Link, useLoaderData } from '@remix-run/react';
import { JsonView } from '~/components/backups/json-view.tsx';
import { historyHref, objectHref } from '~/components/backups/object-link.ts';
import { Notice } from '~/components/notice.tsx';
import { formatTime } from '~/utils/format.ts';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { Time } from '~/components/time.tsx';
import { objectTypeLabel } from '~/utils/labels.ts';
import { authedLoader } from '~/utils/authed-route.server.ts';
import { ChangeActors } from '~/components/backups/change-actors.tsx';

export const meta: MetaFunction = () => [{ title: 'Object history · Butterfly' }];

export const loader = authedLoader(async ({ request, params, caller }) => {
  const q = new URL(request.url).searchParams;
  const history = await caller.snapshots.history({
    connectionId: params.connectionId ?? '',
    type: q.get('type') ?? '',
    id: q.get('id') ?? '',
  });
  return { history };
});

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v)).slice(0, 400);

/** Every version of one object across snapshots, newest first, with what changed into each, when it was deleted and when it came back. */
export default function ObjectHistory() {
  const { history: h } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs trail={[{ to: `/connections/${h.connectionId}`, label: 'Back to the connection' }]} />
      <h1 className="text-3xl font-semibold tracking-tight">History of {h.label}</h1>
      <p className="text-sm text-slate-700">
        {objectTypeLabel(h.type)} <code className="rounded bg-slate-100 px-1">{h.id}</code> · {h.versions.length}{' '}
        version{h.versions.length === 1 ? '' : 's'}
      </p>
      {h.recreatedFrom.length > 0 && (
        <Notice tone="info">
          Re-created by a restore from{' '}
          {h.recreatedFrom.map((old, i) => (
            <span key={old}>
              {i > 0 && ', '}
              <Link to={historyHref(h.connectionId, h.type, old)} className="underline">
                {old}
                <span className="sr-only"> (history of the earlier object)</span>
              </Link>
            </span>
          ))}
          : its history before that is under the old id.
        </Notice>
      )}
      {h.versions.map((v, i) => (
        <Fragment key={v.firstSnapshot.id}>
          {v.deletedIn && (
            <DeletedCard
              at={v.deletedIn.at}
              recreatedAs={
                i === 0 && h.recreatedAs
                  ? { href: historyHref(h.connectionId, h.type, h.recreatedAs), id: h.recreatedAs }
                  : null
              }
            />
          )}
          <Card>
            <CardHeader>
              <CardTitle asLevel="h2">
                {i === 0
                  ? v.deletedIn
                    ? 'Last version before the deletion'
                    : 'Latest version'
                  : `Version ${h.versions.length - i}`}
                {v.reappeared ? ' (re-created)' : ''}: from <Time iso={v.firstSnapshot.at} />
              </CardTitle>
              <CardDescription>
                In snapshots from <Time iso={v.firstSnapshot.at} /> to <Time iso={v.lastSnapshot.at} />.{' '}
                <Link
                  to={objectHref(h.connectionId, v.lastSnapshot.id, h.type, h.id)}
                  className="text-indigo-700 underline"
                >
                  Open in that snapshot<span className="sr-only"> ({formatTime(v.lastSnapshot.at)})</span>
                </Link>
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <ChangeActors actors={v.actors} />
              {v.changes.length > 0 ? (
                <ul className="flex flex-col gap-1 text-sm">
                  {v.changes.map((c) => (
                    <li key={c.path}>
                      <code className="font-mono text-xs">{c.path}</code>:{' '}
                      <span className="text-red-800">{show(c.before)}</span> →{' '}
                      <span className="text-green-800">{show(c.after)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-700">
                  {i === h.versions.length - 1 ? 'The first version Butterfly saw.' : 'No leaf changes.'}
                </p>
              )}
              <details>
                <summary className="cursor-pointer text-sm text-indigo-700 underline">
                  Show the JSON of this version
                </summary>
                <div className="mt-2">
                  <JsonView value={v.body} label={`JSON of version from ${formatTime(v.firstSnapshot.at)}`} />
                </div>
              </details>
            </CardContent>
          </Card>
        </Fragment>
      ))}
    </div>
  );
}

/** Where the object was missing from a full snapshot: deleted by then, and re-created later or by a restore under a new id. */
function DeletedCard({ at, recreatedAs }: { at: string; recreatedAs: { href: string; id: string } | null }) {
  return (
    <Card className="border-red-200">
      <CardHeader>
        <CardTitle asLevel="h2">
          Deleted: not in the snapshot of <Time iso={at} />
        </CardTitle>
        <CardDescription>
          The object was gone from the org (or no longer readable) by then.
          {recreatedAs && (
            <>
              {' '}
              A restore re-created it with a new id:{' '}
              <Link to={recreatedAs.href} className="text-indigo-700 underline">
                {recreatedAs.id}
                <span className="sr-only"> (history of the re-created object)</span>
              </Link>
              .
            </>
          )}
        </CardDescription>
      </CardHeader>
    </Card>
  );
}
