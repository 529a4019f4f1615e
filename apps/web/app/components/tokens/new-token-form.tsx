import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { useId } from 'react';
import { SelectField, TextField } from '~/components/form-field.tsx';

const EXPIRY_DAYS = [
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', 'One year'],
  ['', 'Never (until revoked)'],
] as const;

/** Mint a token: a name, a role no higher than one's own, an expiry. */
export function NewTokenForm({ roles, error }: { roles: string[]; error?: string }) {
  const busy = useNavigation().state === 'submitting';
  const roleId = useId();
  const expiryId = useId();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Create a token</CardTitle>
        <CardDescription>
          For scripts and internal tools calling the Butterfly API with <code>Authorization: Bearer bfy_…</code>. A
          token acts as you, with at most your role, and stops working when you are deactivated or signed out everywhere
          by your identity provider.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="create" />
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            hint="What the token is for, e.g. “nightly export”."
            error={error}
          />
          <div className="flex flex-wrap gap-6">
            <div className="flex flex-col gap-1.5">
              <label htmlFor={roleId} className="text-sm font-medium text-slate-800">
                Role
              </label>
              <SelectField id={roleId} name="role" defaultValue={roles[0]}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor={expiryId} className="text-sm font-medium text-slate-800">
                Expires after
              </label>
              <SelectField id={expiryId} name="expiresInDays" defaultValue="90">
                {EXPIRY_DAYS.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </SelectField>
            </div>
          </div>
          <div>
            <Button type="submit" disabled={busy}>
              Create token
            </Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
