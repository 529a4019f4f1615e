import { Button, Card, CardDescription, CardFooter, CardHeader, CardTitle } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { SIGN_IN_PROBLEMS, type SignInProblem } from '~/auth/sign-in-problems.ts';

/** The page of a sign-in that did not happen: what went wrong, in words, and the way back. */
export function SignInProblemCard({ problem }: { problem: SignInProblem }) {
  const { title, message } = SIGN_IN_PROBLEMS[problem];
  return (
    <Card className="mx-auto w-full max-w-xl" role="alert">
      <CardHeader>
        <p className="text-sm font-medium text-slate-600">Sign-in refused</p>
        <CardTitle asLevel="h1" size="lg">
          {title}
        </CardTitle>
        <CardDescription className="text-base text-slate-700">{message}</CardDescription>
      </CardHeader>
      <CardFooter>
        <Button asChild>
          <Link to="/login">Back to sign-in</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
