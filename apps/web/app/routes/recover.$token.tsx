import { isDomainError } from '@butterfly/domain/core';
import { redeemRecoveryLink } from '@butterfly/domain/recovery';
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type ActionFunctionArgs, type HeadersFunction, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { signedInHeaders, systemDeps } from '~/auth/session.server.ts';
import { Notice } from '~/components/notice.tsx';

export const meta: MetaFunction = () => [
  { title: 'Recovery sign-in · Butterfly' },
  { name: 'robots', content: 'noindex' },
];

// The token is in the URL: never cached, never sent on as a Referer.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const h = new Headers(actionHeaders);
  h.set('Cache-Control', 'no-store');
  h.set('Referrer-Policy', 'no-referrer');
  return h;
};

/**
 * GET shows a confirmation and touches nothing: mail scanners and link previews fetch URLs, and a
 * single-use link consumed by a scanner would lock out the person who needs it. POST redeems it.
 */
export const loader = () => null;

export async function action({ request, context, params }: ActionFunctionArgs) {
  try {
    const { session } = await redeemRecoveryLink(
      systemDeps(context, 'recovery-link'),
      params.token ?? '',
      context.client,
    );
    return redirect('/', { headers: await signedInHeaders(request, context, session.raw) });
  } catch (e) {
    if (isDomainError(e) && e.code === 'UNAUTHENTICATED') return data({ error: e.message }, { status: 401 });
    throw e;
  }
}

export default function Recover() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  return (
    <Card className="mx-auto w-full max-w-xl">
      <CardHeader>
        <p className="text-sm font-medium text-slate-600">Break-glass access</p>
        <CardTitle asLevel="h1" size="lg">
          Sign in with a recovery link
        </CardTitle>
        <CardDescription className="text-base text-slate-700">
          This link signs a super_admin in without the identity provider. It works once, within 15 minutes of being
          created. The sign-in is recorded in the audit log and shown to every super_admin for a week.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {result?.error && (
          <Notice tone="danger" role="alert" title="This link cannot be used">
            <p>{result.error}. Ask an operator for a new one.</p>
          </Notice>
        )}
        <Form method="post" className="flex items-center gap-3">
          <Button type="submit" variant="destructive" disabled={busy}>
            {busy ? 'Signing in…' : 'Use this link and sign in'}
          </Button>
          <Link to="/login" className="text-sm font-medium text-indigo-700 underline">
            Sign in with single sign-on instead
          </Link>
        </Form>
      </CardContent>
    </Card>
  );
}
