import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { type AuthorizeProblem, authorize } from '~/oauth/authorize.server.ts';

export const meta: MetaFunction = () => [{ title: 'Connect an app · Butterfly' }];

/** GET /oauth/authorize: on to the client with a code, or this page when the request is not trusted. */
export const loader = ({ request, context }: LoaderFunctionArgs) => authorize(request, context);

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const PROBLEMS: Record<AuthorizeProblem, string> = {
  unknown_client: 'The application asking for access is not one Butterfly knows.',
  bad_redirect_uri: 'The application asked Butterfly to send your authorization somewhere it is not registered to receive it.',
  duplicate_parameter: 'The request is malformed.',
};

export default function AuthorizeRefused() {
  const { problem } = useLoaderData<{ problem: AuthorizeProblem }>();
  return (
    <Card className="mx-auto w-full max-w-lg">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          This connection request was refused
        </CardTitle>
        <CardDescription>{PROBLEMS[problem]} Nothing was shared. Start again from the Butterfly extension.</CardDescription>
      </CardHeader>
      <CardContent />
    </Card>
  );
}
