import {
  Button,
  Card,
  CardContent,
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
import { objectHref } from '~/components/backups/object-link.ts';
import { TextField } from '~/components/form-field.tsx';
import { formatCount } from '~/utils/format.ts';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { Time } from '~/components/time.tsx';
import { objectTypeLabel } from '~/utils/labels.ts';
import { rateLimitText } from '~/utils/rate-limit-text.ts';
import { authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Snapshot · Butterfly' }];

export const loader = authedLoader(async ({ request, params, caller }) => {
  const url = new URL(request.url);
  const q = url.searchParams;
  const [snapshot, connection, page] = await Promise.all([
    caller.snapshots.get({ snapshotId: params.snapshotId ?? '' }),
    caller.connections.get({ connectionId: params.connectionId ?? '' }),
    caller.snapshots.objects({
      snapshotId: params.snapshotId ?? '',
      type: q.get('type') || undefined,
      q: q.get('q') ?? '',
      after: q.get('after') || undefined,
      limit: 50,
    }),
  ]);
  return {
    connection: { id: connection.id, name: connection.name },
    snapshot: {
      id: snapshot.id,
      completedAt: snapshot.completedAt ?? snapshot.startedAt,
      objectCount: snapshot.objectCount,
      read: readStats(snapshot.stats),
    },
    page,
  };
});

/** How the backup read the org (a full snapshot's stats; absent on single-object ones). */
function readStats(stats: Record<string, unknown>) {
  const n = (k: string) => (typeof stats[k] === 'number' ? (stats[k] as number) : 0);
  return {
    requests: n('requests'),
    rateLimitWaits: n('rateLimitWaits'),
    rateLimitWaitMs: typeof stats.rateLimitWaitMs === 'number' ? stats.rateLimitWaitMs : null,
    keptUnread: n('childrenKeptUnread'),
  };
}

/** A snapshot's contents: its object types with counts, and one type's objects, searchable and paged. */
export default function SnapshotBrowser() {
  const { connection, snapshot, page } = useLoaderData<typeof loader>();
  const base = `/connections/${connection.id}/snapshots/${snapshot.id}`;
  const withType = (type: string) => `${base}?${new URLSearchParams({ type })}`;
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs
        trail={[
          { to: '/connections', label: 'Connections' },
          { to: `/connections/${connection.id}`, label: connection.name },
        ]}
      />
      <h1 className="text-3xl font-semibold tracking-tight">
        Snapshot of <Time iso={snapshot.completedAt} relative={false} />
      </h1>
      <p className="text-sm text-slate-700">
        {formatCount(snapshot.objectCount)} objects in {page.types.length} types.
        {snapshot.read.requests > 0 && ` Read with ${formatCount(snapshot.read.requests)} API requests.`}
        {snapshot.read.rateLimitWaits > 0 &&
          ` ${rateLimitText(snapshot.read.rateLimitWaits, snapshot.read.rateLimitWaitMs)}`}
        {snapshot.read.keptUnread > 0 &&
          ` ${formatCount(snapshot.read.keptUnread)} group memberships were kept from the previous snapshot unread: their groups had not changed.`}
      </p>
      <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
        <nav aria-label="Object types" className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <ul className="flex max-h-[36rem] flex-col gap-0.5 overflow-auto text-sm">
            {[...page.types]
              .sort((a, b) => objectTypeLabel(a.type).localeCompare(objectTypeLabel(b.type)))
              .map((t) => (
                <li key={t.type}>
                  <Link
                    to={withType(t.type)}
                    aria-current={t.type === page.type ? 'page' : undefined}
                    className={`flex justify-between gap-2 rounded px-2 py-1 ${t.type === page.type ? 'bg-indigo-50 font-medium text-indigo-900' : 'text-slate-800 hover:bg-slate-100'}`}
                  >
                    <span className="truncate">{objectTypeLabel(t.type)}</span>
                    <span className="tabular-nums text-slate-600">{formatCount(t.count)}</span>
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <Card>
          <CardHeader>
            <CardTitle>{page.type ? objectTypeLabel(page.type) : 'No objects'}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
              {page.type && <input type="hidden" name="type" value={page.type} />}
              <TextField
                label="Search by id or name"
                name="q"
                type="search"
                defaultValue={page.q}
                className="min-w-64 flex-1"
              />
              <Button type="submit" variant="outline">
                Search
              </Button>
            </Form>
            {page.objects.length ? (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Name</TableHead>
                    <TableHead>Id</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.objects.map((o) => (
                    <TableRow key={o.id}>
                      <TableCell>
                        <Link
                          to={objectHref(connection.id, snapshot.id, o.type, o.id)}
                          className="font-medium text-indigo-700 underline"
                        >
                          {o.label}
                        </Link>
                      </TableCell>
                      <TableCell className="font-mono text-xs">{o.id}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <p className="text-sm text-slate-700">
                {page.q ? `Nothing matches “${page.q}”.` : 'No objects of this type.'}
              </p>
            )}
            {page.nextAfter && page.type && (
              <Link
                to={`${base}?${new URLSearchParams({ type: page.type, q: page.q, after: page.nextAfter })}`}
                className="self-start text-indigo-700 underline"
              >
                Next page
              </Link>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
