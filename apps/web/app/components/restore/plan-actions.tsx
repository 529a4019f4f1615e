import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import type { PlanData } from './types.ts';

/** What applying writes, said before the name is typed: steps by kind and the users it may reach. */
function ApplySummary({ plan }: { plan: PlanData }) {
  const s = plan.summary;
  if (!('byAction' in s)) return null;
  const kinds = Object.entries(s.byAction).filter(([, n]) => n);
  return (
    <div className="text-sm" data-testid="apply-summary">
      <p className="font-medium">
        This writes to {plan.connectionName ?? 'the connection'}: {s.steps} step{s.steps === 1 ? '' : 's'}
      </p>
      <ul className="list-disc pl-5">
        {kinds.map(([action, n]) => (
          <li key={action}>
            {n} {action}
          </li>
        ))}
        <li>
          blast radius: about {s.blastRadius} user{s.blastRadius === 1 ? '' : 's'}
        </li>
      </ul>
    </div>
  );
}

/**
 * Approve (a second member types the plan's code back) and apply, shown to members who may apply.
 * The server decides again: these buttons only save a round trip to a refusal.
 */
export function PlanActions({ plan, canApply }: { plan: PlanData; canApply: boolean }) {
  if (!canApply || !['ready', 'apply_failed', 'applying'].includes(plan.status)) return null;
  // Queued or running: the progress above says so; a second click would only queue it again.
  if (plan.status === 'applying' || (plan.status === 'ready' && plan.applyRequestedAt)) return null;
  const waiting = plan.needsApproval && !plan.approvedAt;
  const lockout = 'lockout' in plan.summary ? plan.summary.lockout : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{waiting ? 'Approval needed' : 'Apply'}</CardTitle>
        <CardDescription>
          {waiting
            ? `This plan deletes objects or reaches more users than the threshold (${'threshold' in plan.summary ? plan.summary.threshold : 50}). Another member with restore.apply approves it by typing its code.`
            : 'A backup is taken first; the live objects must still match this preview, or nothing is written.'}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {waiting ? (
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">
                Type the plan code <code className="rounded bg-slate-100 px-1">{plan.shortCode}</code>
              </span>
              <input
                name="confirm"
                required
                autoComplete="off"
                className="rounded-md border border-slate-300 px-3 py-2 font-mono"
              />
            </label>
            <Button type="submit" name="intent" value="approve">
              Approve
            </Button>
          </Form>
        ) : (
          <Form method="post" className="flex flex-col items-start gap-3">
            <ApplySummary plan={plan} />
            {lockout && (
              <label className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
                <input type="checkbox" name="acknowledgeLockoutRisk" required className="mt-1" />
                <span>
                  I understand this plan changes how admins sign in ({lockout.steps} step{lockout.steps > 1 ? 's' : ''}:
                  the global session policy, an enrollment policy, the Admin Console's sign-in policy or a zone they
                  use) and may lock out:{' '}
                  {lockout.admins.length ? lockout.admins.join(', ') : 'no admin found in the snapshot'}.
                </span>
              </label>
            )}
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">
                To confirm, type the connection's name{' '}
                <code className="rounded bg-slate-100 px-1">{plan.connectionName}</code>
              </span>
              <input
                name="confirmName"
                required
                autoComplete="off"
                spellCheck={false}
                className="rounded-md border border-slate-300 px-3 py-2"
              />
            </label>
            <Button
              type="submit"
              name="intent"
              value="apply"
              variant={
                lockout || ('byAction' in plan.summary && plan.summary.byAction.delete) ? 'destructive' : 'primary'
              }
            >
              {plan.status === 'ready' ? 'Apply this plan' : 'Resume applying'}
            </Button>
          </Form>
        )}
      </CardContent>
    </Card>
  );
}
