import { Button, Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@butterfly/ui';
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { type AuthorizeProblem, type ConsentPrompt, authorize, decideAuthorization } from '~/oauth/authorize.server.ts';

export const meta: MetaFunction = () => [{ title: 'Connect an app · Butterfly' }];

/** GET /oauth/authorize: on to the client with a code, the consent page, or this page when the request is not trusted. */
export const loader = ({ request, context }: LoaderFunctionArgs) => authorize(request, context);

/** POST /oauth/authorize: the consent page's Allow or Deny (same-origin only: the CSRF guard). */
export const action = ({ request, context }: ActionFunctionArgs) => decideAuthorization(request, context);

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const h = new Headers(loaderHeaders);
  for (const [k, v] of actionHeaders) h.set(k, v);
  return h;
};

const PROBLEMS: Record<AuthorizeProblem, string> = {
  unknown_client: 'The application asking for access is not one Butterfly knows.',
  bad_redirect_uri:
    'The application asked Butterfly to send your authorization somewhere it is not registered to receive it.',
  duplicate_parameter: 'The request is malformed.',
  bad_decision: 'The answer to the request was not understood.',
};

export default function Authorize() {
  const loaded = useLoaderData<{ problem: AuthorizeProblem } | { consent: ConsentPrompt }>();
  // An action answers only with a problem (success redirects to the client).
  const acted = useActionData<{ problem: AuthorizeProblem }>();
  const result = acted ?? loaded;
  return 'consent' in result ? <Consent prompt={result.consent} /> : <Refused problem={result.problem} />;
}

function Consent({ prompt }: { prompt: ConsentPrompt }) {
  const { search } = useLocation();
  const busy = useNavigation().state !== 'idle';
  return (
    <Card className="mx-auto w-full max-w-lg">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          Allow {prompt.clientName} to use Butterfly as you?
        </CardTitle>
        <CardDescription>
          For <strong>{prompt.tenantName}</strong>, signed in as <strong>{prompt.email}</strong> ({prompt.role}).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <p className="text-sm font-medium text-slate-700">It will be able to:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {prompt.abilities.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-slate-600">
          Only allow it if you just asked to connect it. You are asked once; disconnecting it asks again.
        </p>
      </CardContent>
      <CardFooter>
        {/* The query is the authorization request itself: the action checks it again. */}
        <Form method="post" action={`/oauth/authorize${search}`} className="flex gap-3">
          <Button type="submit" name="decision" value="allow" disabled={busy}>
            Allow
          </Button>
          <Button type="submit" name="decision" value="deny" variant="secondary" disabled={busy}>
            Deny
          </Button>
        </Form>
      </CardFooter>
    </Card>
  );
}

function Refused({ problem }: { problem: AuthorizeProblem }) {
  return (
    <Card className="mx-auto w-full max-w-lg">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          This connection request was refused
        </CardTitle>
        <CardDescription>
          {PROBLEMS[problem]} Nothing was shared. Start again from the Butterfly extension.
        </CardDescription>
      </CardHeader>
      <CardContent />
    </Card>
  );
}
