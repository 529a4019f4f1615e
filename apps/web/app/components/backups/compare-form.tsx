import { Button } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { useId } from 'react';
import { formatAbsolute } from '~/utils/time.ts';
import { SelectField } from '../form-field.tsx';
import type { SnapshotRow } from './snapshot-types.ts';
import { useViewerTimeZone } from '../viewer-time.ts';

/** Any two complete snapshots side by side: a GET form, so the diff has a shareable address. */
export function CompareForm({ connectionId, snapshots }: { connectionId: string; snapshots: SnapshotRow[] }) {
  const id = useId();
  const zone = useViewerTimeZone();
  const complete = snapshots.filter((s) => s.status === 'complete');
  if (complete.length < 2)
    return <p className="text-sm text-slate-700">Two complete snapshots are needed to compare.</p>;
  const option = (s: SnapshotRow) => (
    <option key={s.id} value={s.id}>
      {formatAbsolute(s.completedAt!, zone)} ({s.objectCount} objects)
    </option>
  );
  return (
    <Form method="get" action={`/connections/${connectionId}/diff`} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-from`} className="text-sm font-medium text-slate-800">
          From
        </label>
        <SelectField id={`${id}-from`} name="from" defaultValue={complete[1]!.id}>
          {complete.map(option)}
        </SelectField>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-to`} className="text-sm font-medium text-slate-800">
          To
        </label>
        <SelectField id={`${id}-to`} name="to" defaultValue={complete[0]!.id}>
          {complete.map(option)}
        </SelectField>
      </div>
      <Button type="submit" variant="outline">
        Compare
      </Button>
    </Form>
  );
}
