import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionNotices } from '~/components/action-notices.tsx';
import { BreakGlassTable } from '~/components/break-glass/break-glass-table.tsx';
import { Breadcrumbs } from '~/components/breadcrumbs.tsx';
import { TextField } from '~/components/form-field.tsx';
import { formText } from '~/utils/form-text.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Break-glass accounts · ${data?.connection.name ?? 'Connection'} · Butterfly` },
];

export const loader = authedLoader(async ({ params, caller }) => {
  const connectionId = params.connectionId ?? '';
  const [connection, accounts, me] = await Promise.all([
    caller.connections.get({ connectionId }),
    caller.breakGlass.list({ connectionId }),
    caller.me.get(),
  ]);
  return {
    connection: { id: connection.id, name: connection.name },
    accounts,
    canManage: me.permissions.includes('connection.manage'),
  };
});

export const action = authedAction(async ({ params, caller, form, intent }) => {
  const connectionId = params.connectionId ?? '';
  if (intent === 'add') {
    const a = await caller.breakGlass.add({ connectionId, user: formText(form, 'user') });
    return {
      intent,
      ok: `${a.login ?? a.oktaUserId} is a break-glass account: the next scan judges it by the break-glass checks.`,
    };
  }
  if (intent === 'remove') {
    const a = await caller.breakGlass.remove({ connectionId, user: formText(form, 'user') });
    return { intent, ok: `${a.login ?? a.oktaUserId} is no longer a break-glass account.` };
  }
  return data({ intent, error: 'Unknown action.' }, { status: 400 });
});

/** A connection's break-glass accounts (decision 037): declared once, left out of coverage rules, judged on their own. */
export default function BreakGlassAccounts() {
  const { connection, accounts, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const addError = result?.intent === 'add' && 'error' in result ? result.error : undefined;
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs
        trail={[
          { to: '/connections', label: 'Connections' },
          { to: `/connections/${connection.id}`, label: connection.name },
        ]}
      />
      <h1 className="text-3xl font-semibold tracking-tight">Break-glass accounts</h1>
      <ActionNotices result={result?.intent === 'add' ? (addError ? undefined : result) : result} />
      <Card>
        <CardHeader>
          <CardTitle asLevel="h2">Declared accounts</CardTitle>
          <CardDescription>
            Emergency accounts that sign in when everything else fails. Policy rules meant only for them are left out of
            MFA and session coverage; the{' '}
            <Link to="/compliance/rules/OKTA-BREAKGLASS-SIGN-IN" className="text-indigo-700 underline">
              break-glass checks
            </Link>{' '}
            judge them instead: they exist, are active, sit in no everyday group, and their sign-ins are reviewed.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <BreakGlassTable rows={accounts} canManage={canManage} />
          {canManage && (
            <Form method="post" className="flex flex-col gap-3 sm:flex-row sm:items-end">
              <TextField
                label="Okta user (login or id)"
                name="user"
                required
                autoComplete="off"
                hint="Picked from the connection's latest backup."
                error={addError}
                className="sm:w-96"
              />
              <Button type="submit" name="intent" value="add">
                Add break-glass account
              </Button>
            </Form>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
