import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { useId, useState } from 'react';
import { SelectField, TextField } from '../form-field.tsx';
import { Time } from '~/components/time.tsx';

export interface Schedule {
  enabled: boolean;
  frequency: 'hourly' | 'daily' | 'weekly' | 'cron';
  cron: string;
  timezone: string;
  retention: { hourly: number; daily: number; weekly: number; monthly: number };
  nextRunAt: string | null;
}

const FREQUENCIES = [
  ['hourly', 'Every hour (at minute 7)'],
  ['daily', 'Every day (02:07)'],
  ['weekly', 'Every week (Sunday 02:07)'],
  ['cron', 'Custom (cron expression)'],
] as const;
const KEEP = [
  ['hourly', 'Hourly snapshots kept'],
  ['daily', 'Daily snapshots kept'],
  ['weekly', 'Weekly snapshots kept'],
  ['monthly', 'Monthly snapshots kept'],
] as const;

/**
 * When backups run and what retention keeps (grandfather-father-son by count). Editable with
 * schedule.manage; everyone else sees it read-only.
 */
export function ScheduleCard({
  schedule,
  defaults,
  canEdit,
  errors,
}: {
  schedule: Schedule | null;
  defaults: Schedule['retention'];
  canEdit: boolean;
  errors?: Record<string, string>;
}) {
  const id = useId();
  const [frequency, setFrequency] = useState(schedule?.frequency ?? 'daily');
  const busy = useNavigation().formData?.get('intent') === 'saveSchedule';
  const retention = schedule?.retention ?? defaults;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Schedule and retention</CardTitle>
        <CardDescription>
          {schedule?.enabled && schedule.nextRunAt ? (
            <>
              Next backup: <Time iso={schedule.nextRunAt} />.
            </>
          ) : (
            'No scheduled backups: this connection is backed up on demand only.'
          )}{' '}
          Retention keeps the newest snapshot of each of the last N hours, days, weeks and months, and always the newest
          one.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {canEdit ? (
          <Form method="post" className="flex flex-col gap-4">
            <input type="hidden" name="intent" value="saveSchedule" />
            <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input type="checkbox" name="enabled" defaultChecked={schedule?.enabled ?? true} /> Scheduled backups on
            </label>
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`${id}-frequency`} className="text-sm font-medium text-slate-800">
                Frequency
              </label>
              <SelectField
                id={`${id}-frequency`}
                name="frequency"
                value={frequency}
                onChange={(e) => setFrequency(e.target.value as Schedule['frequency'])}
              >
                {FREQUENCIES.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </SelectField>
            </div>
            {frequency === 'cron' && (
              <TextField
                label="Cron expression"
                name="cron"
                defaultValue={schedule?.frequency === 'cron' ? schedule.cron : '30 */6 * * *'}
                hint="Five fields: minute hour day month weekday; at most every 15 minutes."
                error={errors?.cron}
              />
            )}
            <TextField
              label="Time zone"
              name="timezone"
              defaultValue={schedule?.timezone ?? 'UTC'}
              hint="An IANA name, e.g. Europe/Paris."
              error={errors?.timezone}
            />
            <fieldset className="grid gap-3 sm:grid-cols-4">
              <legend className="mb-2 text-sm font-medium text-slate-800">Retention</legend>
              {KEEP.map(([k, l]) => (
                <TextField
                  key={k}
                  label={l}
                  name={`keep_${k}`}
                  type="number"
                  min={0}
                  max={1000}
                  required
                  defaultValue={retention[k]}
                  error={errors?.[`retention.${k}`]}
                />
              ))}
            </fieldset>
            <div>
              <Button type="submit" disabled={busy}>
                Save schedule
              </Button>
            </div>
          </Form>
        ) : (
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-600">Frequency</dt>
            <dd>
              {schedule
                ? `${FREQUENCIES.find(([v]) => v === schedule.frequency)?.[1]} (${schedule.cron}, ${schedule.timezone})${schedule.enabled ? '' : ', paused'}`
                : 'On demand only'}
            </dd>
            {KEEP.map(([k, l]) => (
              <div key={k} className="contents">
                <dt className="font-medium text-slate-600">{l}</dt>
                <dd>{retention[k]}</dd>
              </div>
            ))}
          </dl>
        )}
      </CardContent>
    </Card>
  );
}
