import { Button } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { useId } from 'react';
import { SelectField, TextField } from '~/components/form-field.tsx';
import { objectTypeLabel } from '~/utils/labels.ts';

export interface ExceptionScopeOption {
  /** `type id` of one object, or '' for the whole rule. */
  value: string;
  label: string;
}

/**
 * "Request exception" for one connection's failing result (decision 038): scope, rationale, expiry.
 * A different member approves it on the Exceptions page; until then nothing changes.
 */
export function RequestExceptionForm(props: {
  connectionId: string;
  connectionName: string;
  objects: { type: string; id: string; name?: string }[];
  defaultExpiry: string;
  errors?: Record<string, string>;
}) {
  const scopeId = useId();
  const rationaleId = useId();
  const busy = useNavigation().formData?.get('connectionId') === props.connectionId;
  const options: ExceptionScopeOption[] = [
    { value: '', label: 'The whole rule' },
    ...props.objects.map((o) => ({
      value: `${o.type} ${o.id}`,
      label: `${objectTypeLabel(o.type)}: ${o.name ?? o.id}`,
    })),
  ];
  return (
    <details className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer text-sm font-medium text-indigo-800">
        Request exception for {props.connectionName}
      </summary>
      <Form method="post" className="mt-3 flex flex-col gap-3">
        <input type="hidden" name="intent" value="request-exception" />
        <input type="hidden" name="connectionId" value={props.connectionId} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor={scopeId} className="text-sm font-medium text-slate-800">
            Scope
          </label>
          <SelectField id={scopeId} name="scope" defaultValue="" className="w-full max-w-full">
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={rationaleId} className="text-sm font-medium text-slate-800">
            Rationale
          </label>
          <textarea
            id={rationaleId}
            name="rationale"
            required
            minLength={10}
            maxLength={2000}
            rows={3}
            aria-invalid={props.errors?.rationale ? true : undefined}
            aria-describedby={props.errors?.rationale ? `${rationaleId}-error` : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
          />
          {props.errors?.rationale && (
            <p id={`${rationaleId}-error`} className="text-sm font-medium text-red-700">
              {props.errors.rationale}
            </p>
          )}
        </div>
        <TextField
          label="Expires on"
          name="expiresOn"
          type="date"
          required
          defaultValue={props.defaultExpiry}
          hint="At the end of that day (UTC); at most a year ahead."
          error={props.errors?.expiresAt}
          className="sm:w-64"
        />
        <div>
          <Button type="submit" disabled={busy}>
            Request exception
          </Button>
        </div>
      </Form>
    </details>
  );
}
