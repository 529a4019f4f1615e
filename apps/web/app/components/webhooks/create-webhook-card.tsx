import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { TextField } from '../form-field.tsx';

const EVENT_TEXT: Record<string, string> = {
  'backup.failed': 'A backup failed',
  'objects.changed': 'Objects of the watched types changed',
  'credential.expiring': 'An app client secret or signing key expires within 30 days',
  'connection.needs_attention': 'Okta refused a connection’s credential: it needs a new one',
  'exception.expiring': 'An approved compliance exception expires within 7 days',
  'exception.expired': 'A compliance exception expired: its finding is open again',
};

/** A new alert webhook: where to send, which events, and which object types count as a change. */
export function CreateWebhookCard({ events, errors }: { events: readonly string[]; errors?: Record<string, string> }) {
  const busy = useNavigation().formData?.get('intent') === 'create';
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add a webhook</CardTitle>
        <CardDescription>
          Slack incoming webhooks work as they are; other receivers get the same JSON with a <code>butterfly</code> object, signed with the secret shown once after saving.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="create" />
          <TextField label="Name" name="name" required maxLength={100} error={errors?.name} />
          <TextField label="URL" name="url" type="url" required placeholder="https://hooks.slack.com/services/…" error={errors?.url} hint="https (plain http only to this machine)." />
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            {events.map((e) => (
              <label key={e} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="events" value={e} defaultChecked /> {EVENT_TEXT[e] ?? e} <code className="text-xs text-slate-600">{e}</code>
              </label>
            ))}
            {errors?.events && <p className="text-sm font-medium text-red-700">{errors.events}</p>}
          </fieldset>
          <TextField
            label="Object types to watch"
            name="objectTypes"
            placeholder="policy.*, group"
            hint="For changes: comma-separated types, policy.* for every policy type; empty watches every type."
            error={Object.entries(errors ?? {}).find(([k]) => k.startsWith('objectTypes'))?.[1]}
          />
          <div>
            <Button type="submit" disabled={busy}>
              Add webhook
            </Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
