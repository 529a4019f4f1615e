import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { useId, useState } from 'react';

/**
 * Delete, said plainly: what always goes (credentials, schedule, future backups) and the choice of
 * what happens to the snapshots. Confirmed by typing the connection's name; the server checks it again.
 */
export function DeleteConnectionCard({
  name,
  snapshots,
  deleted,
  error,
}: {
  name: string;
  snapshots: string;
  deleted: boolean;
  error?: string;
}) {
  const [keep, setKeep] = useState(!deleted);
  const confirmId = useId();
  return (
    <Card className="border-red-200">
      <CardHeader>
        <CardTitle>{deleted ? 'Delete the kept snapshots' : 'Delete this connection'}</CardTitle>
        <CardDescription>
          {deleted
            ? `This connection is already deleted. Deleting its ${snapshots} snapshot(s) too removes them, their scans and their restore plans for good.`
            : 'Its credentials and schedule are deleted and Butterfly never reads this Okta org again. Nothing changes in Okta.'}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col items-start gap-4">
          <input type="hidden" name="intent" value="delete" />
          {deleted ? (
            <input type="hidden" name="snapshots" value="delete" />
          ) : (
            <fieldset className="flex flex-col gap-2">
              <legend className="text-sm font-medium text-slate-800">Its {snapshots} snapshot(s)</legend>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="snapshots"
                  value="keep"
                  checked={keep}
                  onChange={() => setKeep(true)}
                  className="mt-1"
                />
                <span>
                  Keep them, read-only: still browsable, diffs and evidence still verifiable. Its name can be used
                  again.
                </span>
              </label>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="snapshots"
                  value="delete"
                  checked={!keep}
                  onChange={() => setKeep(false)}
                  className="mt-1"
                />
                <span>Delete them too, with their scans and restore plans. This cannot be undone.</span>
              </label>
            </fieldset>
          )}
          <div className="flex w-full flex-col gap-1.5">
            <label htmlFor={confirmId} className="text-sm font-medium text-slate-800">
              To confirm, type the connection's name <code className="rounded bg-slate-100 px-1 break-all">{name}</code>
            </label>
            <input
              id={confirmId}
              name="confirmName"
              required
              autoComplete="off"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${confirmId}-error` : undefined}
              className="w-full max-w-md rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
            />
            {error && (
              <p id={`${confirmId}-error`} className="text-sm font-medium text-red-700">
                {error}
              </p>
            )}
          </div>
          <Button type="submit" variant="destructive">
            {deleted || !keep ? 'Delete the connection and its snapshots' : 'Delete the connection, keep its snapshots'}
          </Button>
        </Form>
      </CardContent>
    </Card>
  );
}
