import { Button, Card, CardDescription, CardFooter, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';

export const meta: MetaFunction = () => [{ title: 'Signed out · Butterfly' }];

/** Where sign-out ends, and the post_logout_redirect_uri registered at the IdP. */
export default function SignedOut() {
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          You are signed out
        </CardTitle>
        <CardDescription>Your Butterfly session has ended.</CardDescription>
      </CardHeader>
      <CardFooter>
        <Button asChild>
          <Link to="/login">Sign in again</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
