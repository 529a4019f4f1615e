import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Notice } from '~/components/notice.tsx';
import { describeUserAgent } from '~/utils/format.ts';
import { Time } from '~/components/time.tsx';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'My sessions · Butterfly' }];

export const loader = authedLoader(async ({ caller }) => {
  return { sessions: await caller.sessions.list() };
});

export const action = authedAction(
  async ({ caller }) => {
    return await caller.sessions.endOthers();
  },
  { errors: 'page' },
);

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const ended = useActionData<typeof action>()?.ended;
  const busy = useNavigation().state === 'submitting';
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">My sessions</h1>
      <Card>
        <CardHeader>
          <CardTitle>Where you are signed in</CardTitle>
          <CardDescription>
            Sessions end after 2 hours without activity, and 12 hours after sign-in in any case.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Browser</TableHead>
                <TableHead>IP address</TableHead>
                <TableHead>Signed in</TableHead>
                <TableHead>Last active</TableHead>
                <TableHead>How</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sessions.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    {describeUserAgent(s.userAgent)} {s.current && <Badge variant="success">This session</Badge>}
                  </TableCell>
                  <TableCell>{s.ip ?? '—'}</TableCell>
                  <TableCell>
                    <Time iso={s.createdAt} />
                  </TableCell>
                  <TableCell>
                    <Time iso={s.lastSeenAt} />
                  </TableCell>
                  <TableCell>{s.authMethod === 'recovery' ? 'Recovery link' : 'Single sign-on'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {ended !== undefined && (
            <Notice tone="success" role="status">
              Signed out of {ended} other {ended === 1 ? 'session' : 'sessions'}.
            </Notice>
          )}
          <Form method="post">
            <Button type="submit" variant="outline" disabled={busy || others === 0}>
              Sign out everywhere else
            </Button>
          </Form>
        </CardContent>
      </Card>
    </div>
  );
}
