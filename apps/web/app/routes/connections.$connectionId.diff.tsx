import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DiffChange } from '~/components/backups/diff-change.tsx';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { Time } from '~/components/time.tsx';
import { authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Changes between snapshots · Butterfly' }];

export const loader = authedLoader(async ({ request, params, caller }) => {
  const q = new URL(request.url).searchParams;
  const afterType = q.get('afterType');
  const afterId = q.get('afterId');
  const page = await caller.snapshots.diff({
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    ...(afterType && afterId ? { after: { type: afterType, id: afterId } } : {}),
    limit: 50,
  });
  return { connectionId: params.connectionId ?? '', page, paged: !!afterType };
});

/** What changed between two snapshots: objects added, removed and changed, with their JSON paths. */
export default function SnapshotDiff() {
  const { connectionId, page, paged } = useLoaderData<typeof loader>();
  const { from, to } = page;
  const nextHref =
    page.next &&
    `?${new URLSearchParams({ from: from.id, to: to.id, afterType: page.next.type, afterId: page.next.id })}`;
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs trail={[{ to: `/connections/${connectionId}`, label: 'Back to the connection' }]} />
      <h1 className="text-3xl font-semibold tracking-tight">Changes between snapshots</h1>
      <p className="text-sm text-slate-700">
        From <Time iso={from.completedAt ?? from.startedAt} /> to <Time iso={to.completedAt ?? to.startedAt} />
        {paged ? ' (continued)' : ''}.
      </p>
      <Card>
        <CardHeader>
          <CardTitle>
            {page.changes.length
              ? `${page.changes.length}${page.next ? '+' : ''} changed object${page.changes.length === 1 ? '' : 's'}`
              : 'No changes'}
          </CardTitle>
          <CardDescription>
            Secrets are masked. Who made a change comes from Okta's System Log, when the connection may read it.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {page.changes.map((c) => (
            <DiffChange key={`${c.type}/${c.id}`} c={c} connectionId={connectionId} from={from.id} to={to.id} />
          ))}
          {nextHref && (
            <Link to={nextHref} className="mt-4 inline-block text-indigo-700 underline">
              Next page
            </Link>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
