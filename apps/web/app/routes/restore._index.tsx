import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ActionNotices } from '~/components/action-notices.tsx';
import { PlansTable } from '~/components/restore/plans-table.tsx';
import { RestoreReadiness, useRevalidateWhile } from '~/components/restore/restore-readiness.tsx';
import { ScopeForm } from '~/components/restore/scope-form.tsx';
import { formatTime } from '~/utils/format.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Restore · Butterfly' }];

/** The wizard: connection and snapshot (query string), then the scope (a form), then the plan page. */
export const loader = authedLoader(async ({ request, caller }) => {
  const q = new URL(request.url).searchParams;
  const [connections, readiness, plans, me] = await Promise.all([
    caller.connections.list(),
    caller.restores.readiness(),
    caller.restores.list({}),
    caller.me.get(),
  ]);
  const connectionId = q.get('connection') ?? connections[0]?.id ?? '';
  const snapshots = connectionId
    ? (await caller.snapshots.list({ connectionId, limit: 50 })).filter((s) => s.status === 'complete')
    : [];
  const snapshotId = q.get('snapshot');
  // A snapshot of another connection (the connection was changed in step 1) is not carried over.
  const chosen =
    snapshotId && snapshots.some((s) => s.id === snapshotId) ? await caller.snapshots.get({ snapshotId }) : null;
  return {
    connections: connections.map((c) => {
      const r = readiness.find((x) => x.connectionId === c.id);
      return {
        id: c.id,
        name: c.name,
        last: r ? { planId: r.planId, computedAt: r.computedAt, steps: r.steps } : null,
      };
    }),
    connectionId,
    snapshots: snapshots.map((s) => ({ id: s.id, completedAt: s.completedAt!, objectCount: s.objectCount })),
    chosen: chosen && {
      id: chosen.id,
      types: Object.entries(chosen.counts as Record<string, number>).sort(([a], [b]) => a.localeCompare(b)),
    },
    plans,
    canPreview: me.permissions.includes('restore.preview'),
  };
});

const objectRefs = (text: string) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => ({ type: pair.slice(0, pair.indexOf(':')), id: pair.slice(pair.indexOf(':') + 1) }));

export const action = authedAction(
  async ({ caller, form }) => {
    const mode = String(form.get('mode') ?? 'everything');
    const scope = {
      ...(mode === 'types' ? { types: form.getAll('types').map(String) } : {}),
      ...(mode === 'objects' ? { objects: objectRefs(String(form.get('objects') ?? '')) } : {}),
      withDependencies: form.get('withDependencies') === 'on',
      deletions: form.get('deletions') === 'on',
    };
    const r = await caller.restores.preview({
      snapshotId: String(form.get('snapshotId') ?? ''),
      scope,
      fullRead: form.get('fullRead') === 'on',
    });
    return redirect(`/restore/${r.planId}`);
  },
  { intent: 'preview' },
);

export default function Restore() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const names = Object.fromEntries(d.connections.map((c) => [c.id, c.name]));
  useRevalidateWhile(d.plans.some((p) => p.status === 'queued' || p.status === 'computing'));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Restore</h1>
      <ActionNotices result={result} />
      {d.canPreview && (
        <Card>
          <CardHeader>
            <CardTitle>Preview a restore</CardTitle>
            <CardDescription>
              A preview compares a snapshot with the live org and stores a plan. Nothing is written to Okta until a plan
              is applied.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <Form method="get" className="flex flex-wrap items-end gap-3">
              <label className="flex flex-col gap-1 text-sm">
                <span className="font-medium">1. Connection</span>
                <select
                  name="connection"
                  defaultValue={d.connectionId}
                  className="rounded-md border border-slate-300 px-3 py-2"
                >
                  {d.connections.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col gap-1 text-sm">
                <span className="font-medium">2. Snapshot</span>
                <select
                  name="snapshot"
                  defaultValue={d.chosen?.id ?? ''}
                  className="rounded-md border border-slate-300 px-3 py-2"
                >
                  {d.snapshots.map((s) => (
                    <option key={s.id} value={s.id}>
                      {formatTime(s.completedAt)} ({s.objectCount} objects)
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" variant="outline">
                Choose
              </Button>
            </Form>
            {d.chosen ? (
              <ScopeForm
                snapshotId={d.chosen.id}
                types={d.chosen.types}
                errors={result && 'fields' in result ? result.fields : undefined}
              />
            ) : (
              <p className="text-sm text-slate-700">
                Choose a connection and a complete snapshot, then what to restore from it.
              </p>
            )}
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Restore readiness</CardTitle>
          <CardDescription>
            When each connection last had a successful preview: a restore path that was recently tried.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <RestoreReadiness rows={d.connections} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Plans</CardTitle>
        </CardHeader>
        <CardContent>
          {d.plans.length ? (
            <PlansTable plans={d.plans} names={names} />
          ) : (
            <p className="text-sm text-slate-700">No restore plans yet.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
