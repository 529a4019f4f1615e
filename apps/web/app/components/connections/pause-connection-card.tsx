import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { TextField } from '../form-field.tsx';

/** Pause or resume backups; what pausing does is said before the click. */
export function PauseConnectionCard({ paused }: { paused: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{paused ? 'Resume backups' : 'Pause backups'}</CardTitle>
        <CardDescription>
          {paused
            ? 'Scheduled backups start again at the next scheduled time, and “Backup now” works again.'
            : 'While paused, scheduled backups are skipped and “Backup now” is refused. Snapshots, diffs, scans and restores of what is stored keep working.'}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col items-start gap-3">
          {!paused && (
            <TextField
              label="Reason (optional)"
              name="reason"
              maxLength={500}
              hint="Shown to everyone who sees the connection, e.g. Okta migration."
              className="w-full"
            />
          )}
          <Button type="submit" name="intent" value={paused ? 'resume' : 'pause'} variant="outline">
            {paused ? 'Resume backups' : 'Pause backups'}
          </Button>
        </Form>
      </CardContent>
    </Card>
  );
}
