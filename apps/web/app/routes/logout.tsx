import { Button, Card, CardDescription, CardFooter, CardHeader, CardTitle } from '@butterfly/ui';
import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { signOut } from '~/auth/sign-out.server.ts';
import { HandOffCard } from '~/components/hand-off.tsx';

export const meta: MetaFunction = () => [{ title: 'Sign out · Butterfly' }];

/**
 * POST signs out; a GET (a link, an image tag on another site) never does: it shows the form. No
 * loader redirect: after a POST without JavaScript the same route renders the hand-off page.
 */
export const action = ({ request, context }: ActionFunctionArgs) => signOut(request, context);

/** The cookies cleared and, without JavaScript, the Refresh header on to the IdP's sign-out. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export default function SignOut() {
  const result = useActionData<typeof action>();
  if (result && 'handOff' in result) {
    return (
      <HandOffCard
        title="You are signed out of Butterfly"
        description="Ending your session at your organisation's sign-in page too."
        to={result.handOff}
        label="Continue"
      />
    );
  }
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          Sign out
        </CardTitle>
        <CardDescription>End your Butterfly session in this browser.</CardDescription>
      </CardHeader>
      <CardFooter>
        <Form method="post">
          <Button type="submit">Sign out</Button>
        </Form>
      </CardFooter>
    </Card>
  );
}
