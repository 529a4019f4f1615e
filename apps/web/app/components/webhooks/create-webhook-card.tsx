import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { useId, useState } from 'react';
import { SelectField, TextField } from '../form-field.tsx';

const EVENT_TEXT: Record<string, string> = {
  'backup.failed': 'A backup failed',
  'objects.changed': 'Objects of the watched types changed',
  'credential.expiring': 'An app client secret or signing key expires within 30 days',
  'connection.needs_attention': 'Okta refused a connection’s credential: it needs a new one',
  'compliance.regressed': 'A compliance rule that passed on the previous scan fails',
  'exception.expiring': 'An approved compliance exception expires within 7 days',
  'exception.expired': 'A compliance exception expired: its finding is open again',
};

type Kind = 'webhook' | 'slack' | 'email';
const KINDS: Record<Kind, { option: string; add: string; about: string; example: string }> = {
  webhook: {
    option: 'Signed webhook (JSON)',
    add: 'Add webhook',
    about: 'Receivers get JSON with a butterfly object, signed with the secret shown once after saving.',
    example: 'https://siem.example.com/butterfly',
  },
  slack: {
    option: 'Slack (incoming webhook)',
    add: 'Add Slack channel',
    about: 'Messages in Slack’s Block Kit, with a plain-text fallback. Paste the incoming-webhook URL Slack gives you.',
    example: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  },
  email: {
    option: 'Email',
    add: 'Add email',
    about:
      'A plain subject and a text and HTML body, from the sender the operator configured. Each alert at once, or a daily digest.',
    example: 'oncall@example.com',
  },
};

/** A new alert channel: how it reaches people, where, which events, and which object types count as a change. */
export function CreateWebhookCard({ events, errors }: { events: readonly string[]; errors?: Record<string, string> }) {
  const busy = useNavigation().formData?.get('intent') === 'create';
  const id = useId();
  const [kind, setKind] = useState<Kind>('webhook');
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add a channel</CardTitle>
        <CardDescription>{KINDS[kind].about}</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="create" />
          <TextField label="Name" name="name" required maxLength={100} error={errors?.name} />
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-kind`} className="text-sm font-medium text-slate-800">
              Kind
            </label>
            <SelectField
              id={`${id}-kind`}
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              aria-invalid={errors?.kind ? true : undefined}
            >
              {(Object.keys(KINDS) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {KINDS[k].option}
                </option>
              ))}
            </SelectField>
            {errors?.kind && <p className="text-sm font-medium text-red-700">{errors.kind}</p>}
          </div>
          {/* type=text, not url/email: the form must also submit an address without JavaScript (decision 034). */}
          <TextField
            label={kind === 'email' ? 'Email address' : 'URL'}
            name="url"
            type="text"
            inputMode={kind === 'email' ? 'email' : 'url'}
            autoComplete="off"
            required
            placeholder={KINDS[kind].example}
            error={errors?.url}
            hint={
              kind === 'email'
                ? 'One mailbox; add a channel per person, or use a list address.'
                : 'https (plain http only to this machine).'
            }
          />
          {kind === 'email' && (
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`${id}-digest`} className="text-sm font-medium text-slate-800">
                Delivery
              </label>
              <SelectField
                id={`${id}-digest`}
                name="digest"
                defaultValue="immediate"
                aria-describedby={`${id}-digest-hint`}
              >
                <option value="immediate">Each alert at once</option>
                <option value="daily">Daily digest (07:00 UTC)</option>
              </SelectField>
              <p id={`${id}-digest-hint`} className="text-sm text-slate-600">
                A digest sends one mail a day listing the day’s alerts; “Send a test” always sends at once.
              </p>
              {errors?.digest && <p className="text-sm font-medium text-red-700">{errors.digest}</p>}
            </div>
          )}
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            {events.map((e) => (
              <label key={e} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="events" value={e} defaultChecked /> {EVENT_TEXT[e] ?? e}{' '}
                <code className="text-xs text-slate-600">{e}</code>
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
              {KINDS[kind].add}
            </Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
