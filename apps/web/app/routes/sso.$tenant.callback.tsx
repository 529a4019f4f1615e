import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { SignInProblemError, completeSignIn, signInProblemResponse } from '~/auth/sign-in.server.ts';
import { SignInProblemCard } from '~/components/sign-in-problem.tsx';

export const meta: MetaFunction = () => [{ title: 'Sign-in refused · Butterfly' }];

/** GET /sso/<tenant>/callback?code=…&state=…: the IdP's answer. Success redirects home. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  try {
    if (!new URL(request.url).searchParams.has('state'))
      throw new SignInProblemError('expired', 'the callback carries no state');
    return await completeSignIn(request, context, params.tenant ?? '');
  } catch (e) {
    if (e instanceof SignInProblemError) return signInProblemResponse(context, e);
    throw e;
  }
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function SignInCallback() {
  return <SignInProblemCard problem={useLoaderData<typeof loader>().problem} />;
}
