import { Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionNotices } from '~/components/action-notices.tsx';
import { Notice } from '~/components/notice.tsx';
import { PlanActions } from '~/components/restore/plan-actions.tsx';
import { PlanCaveats } from '~/components/restore/plan-caveats.tsx';
import { PlanProgress } from '~/components/restore/plan-progress.tsx';
import { StepCard } from '~/components/restore/step-card.tsx';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { Time } from '~/components/time.tsx';
import { describeActor, objectTypeLabel } from '~/utils/labels.ts';
import { failureText } from '~/utils/human-text.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Restore plan ${data?.plan.shortCode ?? ''} · Butterfly` },
];

/** The steps shown on the page; the JSON export has every one. */
const SHOWN = 500;

export const loader = authedLoader(async ({ params, caller }) => {
  const [plan, me] = await Promise.all([caller.restores.get({ planId: params.planId ?? '' }), caller.me.get()]);
  return {
    plan: { ...plan, steps: plan.steps.slice(0, SHOWN) },
    totalSteps: plan.steps.length,
    canApply: me.permissions.includes('restore.apply'),
  };
});

export const action = authedAction(async ({ params, caller, form, intent }) => {
  const planId = params.planId ?? '';
  if (intent === 'approve') {
    const p = await caller.restores.approve({ planId, confirm: String(form.get('confirm') ?? '') });
    return { intent, ok: `Approved by ${p.approvedBy}: it can be applied now.` };
  }
  await caller.restores.applyPlan({
    planId,
    acknowledgeLockoutRisk: form.get('acknowledgeLockoutRisk') === 'on',
    confirmName: String(form.get('confirmName') ?? ''),
  });
  return redirect(`/restore/${planId}`);
});

const STATUS = {
  queued: 'info',
  computing: 'info',
  ready: 'success',
  failed: 'danger',
  applying: 'info',
  applied: 'success',
  apply_failed: 'danger',
  stale: 'warning',
} as const;

export default function RestorePlan() {
  const { plan, totalSteps, canApply } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const s = plan.summary;
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs trail={[{ to: '/restore', label: 'Restore' }]} />
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-3 text-3xl font-semibold tracking-tight">
            Plan <code>{plan.shortCode}</code>{' '}
            <Badge variant={STATUS[plan.status]}>{plan.status.replace('_', ' ')}</Badge>
          </h1>
          <p className="text-sm text-slate-700">
            From{' '}
            <Link
              to={`/connections/${plan.connectionId}/snapshots/${plan.snapshotId}`}
              className="text-indigo-700 underline"
            >
              this snapshot
            </Link>
            , asked for by {describeActor(plan.requestedBy)} at <Time iso={plan.createdAt} />
            {plan.computedAt && (
              <>
                , computed <Time iso={plan.computedAt} />
              </>
            )}
          </p>
        </div>
        <Button asChild variant="outline">
          <a href={`/restore/${plan.id}/json`} download>
            Export JSON
          </a>
        </Button>
      </div>
      <ActionNotices result={result} />
      {plan.error && (
        <Notice tone={plan.status === 'stale' ? 'warning' : 'danger'} role="alert">
          {plan.status === 'stale'
            ? `Stale plan: preview again (${failureText(plan.error)}).`
            : failureText(plan.error)}
        </Notice>
      )}
      <PlanProgress plan={plan} />
      {'steps' in s && (
        <p className="text-sm text-slate-700">
          {s.steps} step(s):{' '}
          {Object.entries(s.byAction)
            .map(([a, n]) => `${n} ${a}`)
            .join(', ') || 'nothing to do'}{' '}
          · blast radius about {s.blastRadius} user(s) · {s.newIds} new id(s)
          {plan.needsApproval &&
            (plan.approvedBy ? ` · approved by ${describeActor(plan.approvedBy)}` : ' · needs approval')}
        </p>
      )}
      {'comparedBy' in s && s.comparedBy && (
        <p className="text-sm text-slate-700" data-testid="compared-by">
          {s.comparedBy.message}
        </p>
      )}
      <PlanCaveats caveats={plan.caveats} />
      <PlanActions plan={plan} canApply={canApply} />
      <Card>
        <CardHeader>
          <CardTitle>Steps, in order</CardTitle>
          <CardDescription>
            Derived from the references between objects: what a step names comes before it. Open a step for its changes
            and caveats.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {plan.steps.length ? (
            <ol className="flex flex-col">
              {plan.steps.map((step) => (
                <StepCard key={step.seq} step={step} />
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-700">
              {plan.status === 'ready' ? 'Nothing differs: no steps.' : 'No steps yet.'}
            </p>
          )}
          {totalSteps > plan.steps.length && (
            <p className="mt-2 text-sm text-slate-600">
              The first {plan.steps.length} of {totalSteps} steps; the JSON export has them all.
            </p>
          )}
        </CardContent>
      </Card>
      {plan.idMap.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Re-created objects (old id → new id)</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="text-sm">
              {plan.idMap.map((m) => (
                <li key={`${m.type}-${m.oldId}`}>
                  {objectTypeLabel(m.type)} <code>{m.oldId}</code> →{' '}
                  {m.newId ? <code>{m.newId}</code> : 'assigned at apply'}{' '}
                  {m.stepSeq === null ? '(found live by name)' : `(step ${m.stepSeq})`}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
