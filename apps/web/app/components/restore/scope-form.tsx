import { Button } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { useState } from 'react';
import { formatCount } from '~/utils/format.ts';

type Mode = 'everything' | 'types' | 'objects';

/** Step 2 of the wizard: what to restore from the chosen snapshot. Nothing is written to Okta by a preview. */
export function ScopeForm({
  snapshotId,
  types,
  errors,
}: {
  snapshotId: string;
  types: [string, number][];
  errors?: Record<string, string>;
}) {
  const [mode, setMode] = useState<Mode>('everything');
  return (
    <Form method="post" className="flex flex-col gap-4">
      <input type="hidden" name="snapshotId" value={snapshotId} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">What to restore</legend>
        {(
          [
            ['everything', 'Everything in the snapshot'],
            ['types', 'Some object types'],
            ['objects', 'Chosen objects'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {mode === 'types' && (
        <fieldset className="grid grid-cols-1 gap-1 sm:grid-cols-2">
          <legend className="mb-1 font-medium">Types</legend>
          {types.map(([t, n]) => (
            <label key={t} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="types" value={t} /> {t}{' '}
              <span className="text-slate-600">({formatCount(n)})</span>
            </label>
          ))}
        </fieldset>
      )}
      {mode === 'objects' && (
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Objects, one per line as type:id</span>
          <span className="text-slate-600">For example group:00g1abc, then group_rule:0pr2def on the next line.</span>
          <textarea name="objects" rows={4} className="rounded-md border border-slate-300 px-3 py-2 font-mono" />
        </label>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="withDependencies" /> With what they depend on (the groups a rule names, a policy's
        zones, …)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="deletions" /> Delete objects the snapshot does not have (needs a second member's
        approval)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="fullRead" /> Full read: compare every live object, not only those the System Log
        names as changed since the snapshot
      </label>
      {errors && (
        <ul className="text-sm text-red-800">
          {Object.entries(errors).map(([k, v]) => (
            <li key={k}>
              {k}: {v}
            </li>
          ))}
        </ul>
      )}
      <Button type="submit" name="intent" value="preview" className="self-start">
        Preview the restore
      </Button>
    </Form>
  );
}
