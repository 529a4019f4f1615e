import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ActionNotices } from '~/components/action-notices.tsx';
import { ComplianceNav } from '~/components/compliance/compliance-nav.tsx';
import { ExceptionsTable } from '~/components/compliance/exceptions-table.tsx';
import { formText } from '~/utils/form-text.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Compliance exceptions · Butterfly' }];

export const loader = authedLoader(async ({ caller }) => {
  const [exceptions, connections, me] = await Promise.all([
    caller.exceptions.list(),
    caller.connections.list({ includeDeleted: true }),
    caller.me.get(),
  ]);
  return {
    exceptions,
    connectionNames: Object.fromEntries(connections.map((c) => [c.id, c.name])),
    canApprove: me.permissions.includes('connection.manage'),
    canRevoke: me.permissions.includes('compliance.run'),
    /** How exceptions name the member who asked (`member:<email>`), to leave their own requests to another. */
    me: `member:${me.member.email}`,
  };
});

export const action = authedAction(async ({ caller, form, intent }) => {
  const id = formText(form, 'id');
  if (intent === 'approve') {
    const e = await caller.exceptions.approve({ id });
    return {
      intent,
      ok: `Approved: scans accept ${e.ruleId} ${e.scope ? `for ${e.scope.objectType} ${e.scope.objectId}` : '(whole rule)'} until ${e.expiresAt.slice(0, 10)}, still showing it as a failure.`,
    };
  }
  if (intent === 'reject') {
    const e = await caller.exceptions.reject({ id });
    return { intent, ok: `Rejected the exception for ${e.ruleId}.` };
  }
  if (intent === 'revoke') {
    const e = await caller.exceptions.revoke({ id });
    return { intent, ok: `Revoked the exception for ${e.ruleId}: the next scan counts the finding as open.` };
  }
  return data({ intent, error: 'Unknown action.' }, { status: 400 });
});

/** Compliance exceptions (decision 038): requested on a rule's page, approved here by a second member, expiring on their own. */
export default function ComplianceExceptions() {
  const { exceptions, connectionNames, canApprove, canRevoke, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Exceptions</h1>
      <ComplianceNav />
      <ActionNotices result={result} />
      <Card>
        <CardHeader>
          <CardTitle asLevel="h2">Accepted findings</CardTitle>
          <CardDescription>
            A failing finding accepted until an expiry, asked for by one member and approved by another (admins approve;
            nobody approves their own request). Scans keep the failure and show the exception beside it, in every report
            and in the evidence. When an exception expires the finding is open again and subscribed webhooks get an
            alert.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ExceptionsTable
            rows={exceptions}
            connectionNames={connectionNames}
            canApprove={canApprove}
            canRevoke={canRevoke}
            me={me}
          />
        </CardContent>
      </Card>
    </div>
  );
}
