import { isDomainError } from '@butterfly/domain/core';
import { findTenantForEmail } from '@butterfly/domain/sso';
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import {
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { handOff } from '~/auth/hand-off.server.ts';
import { safeReturnTo } from '~/auth/return-to.server.ts';
import { getSessionPrincipal } from '~/auth/session.server.ts';
import { SIGN_IN_PROBLEMS } from '~/auth/sign-in-problems.ts';
import { TextField } from '~/components/form-field.tsx';
import { HandOffCard } from '~/components/hand-off.tsx';
import { Notice } from '~/components/notice.tsx';

export const meta: MetaFunction = () => [{ title: 'Sign in · Butterfly' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Already signed in (another tab finished first): straight on to where sign-in was asked for.
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get('returnTo'), context.services.appUrl);
  if (await getSessionPrincipal(request, context)) throw redirect(returnTo ?? '/');
  return null;
}

/** The hand-off page's Refresh header (sign-in without JavaScript, hand-off.server.ts). */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

/**
 * Domain-based detection: the email's (verified) domain picks the tenant, and the browser goes on to
 * that tenant's /sso/<tenant>/start, which redirects to the IdP. Never by a redirect from this POST:
 * Chrome's CSP `form-action 'self'` covers a form's whole redirect chain. `handOff` makes the hop a
 * fresh navigation instead (Remix's `redirectDocument`, or without JavaScript a page that refreshes).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const email = String((await request.formData()).get('email') ?? '')
    .trim()
    .slice(0, 320);
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    return data({ email, error: 'Enter your work email address, like ann@example.com.' }, { status: 400 });
  try {
    const tenant = await findTenantForEmail(context, email);
    return handOff(request, `/sso/${tenant.slug}/start?login_hint=${encodeURIComponent(email)}`);
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e;
    // One answer for unknown, unverified and unconfigured domains: nothing leaks about other tenants.
    return data({ email, error: SIGN_IN_PROBLEMS.not_configured.message }, { status: 400 });
  }
}

export default function Login() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  if (result && 'handOff' in result) {
    return (
      <HandOffCard
        title="Sign in to Butterfly"
        description="Taking you to your organisation's sign-in page."
        to={result.handOff}
        label="Continue to your sign-in page"
      />
    );
  }
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          Sign in to Butterfly
        </CardTitle>
        <CardDescription>Enter your work email. We will send you to your organisation's sign-in page.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4" noValidate>
          <TextField
            label="Work email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            defaultValue={result?.email}
            aria-invalid={result?.error ? true : undefined}
            aria-describedby={result?.error ? 'login-error' : undefined}
          />
          {result?.error && (
            <Notice id="login-error" tone="danger" role="alert">
              {result.error}
            </Notice>
          )}
          <Button type="submit" disabled={busy}>
            {busy ? 'Finding your sign-in page…' : 'Continue'}
          </Button>
        </Form>
      </CardContent>
    </Card>
  );
}
