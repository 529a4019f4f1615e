import { Button, Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { useRequestId } from '~/request-id.ts';
import { describeError } from '~/utils/error-page.ts';

/**
 * The page every error shows, inside the layout: what happened in plain words, a way home, and on
 * a server error the request's id, which support can find in the logs. Never a stack or a message
 * meant for a developer.
 */
export function ErrorPage({ error }: { error: unknown }) {
  const { status, title, message } = describeError(error);
  return (
    <Card className="mx-auto max-w-xl">
      <CardHeader>
        <p className="text-sm font-medium text-slate-600">Error {status}</p>
        <CardTitle asLevel="h1" size="lg">
          {title}
        </CardTitle>
        <CardDescription>{message}</CardDescription>
      </CardHeader>
      <ErrorReference status={status} />
      <CardFooter>
        <Button asChild>
          <Link to="/">Go to the home page</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}

/** On a server error: the request's id, which whoever runs Butterfly finds in the logs. */
export function ErrorReference({ status }: { status: number }) {
  const requestId = useRequestId();
  if (status < 500 || !requestId) return null;
  return (
    <CardContent>
      <p className="text-sm text-slate-700">
        If it keeps happening, contact your Butterfly administrator or support and give them this reference:{' '}
        <code data-request-id={requestId} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono">
          {requestId}
        </code>
      </p>
    </CardContent>
  );
}
