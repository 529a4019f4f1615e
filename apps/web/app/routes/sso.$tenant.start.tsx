import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { SignInProblemError, signInProblemResponse, startSignIn } from '~/auth/sign-in.server.ts';
import { SignInProblemCard } from '~/components/sign-in-problem.tsx';

/** GET /sso/<tenant>/start?login_hint=…: on to the tenant's IdP, or a page saying why not. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  try {
    return await startSignIn(request, context, params.tenant ?? '');
  } catch (e) {
    if (e instanceof SignInProblemError) return signInProblemResponse(context, e);
    throw e;
  }
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function SignInStart() {
  return <SignInProblemCard problem={useLoaderData<typeof loader>().problem} />;
}
