import { Link } from '@remix-run/react';
import { formatTime } from '~/utils/format.ts';
import { objectHref } from './object-link.ts';

interface Field {
  label: string;
  path: string;
  value: string | number | boolean;
}
interface Reference {
  path: string;
  value: string;
  target: { type: string; id: string; label: string } | null;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const text = (v: Field['value']) =>
  typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'string' && ISO_TIME.test(v) ? formatTime(v) : String(v);
/** `actions.assignUserToGroups.groupIds[0]` reads as `actions.assignUserToGroups.groupIds`: the index says nothing to people. */
const where = (path: string) => path.replace(/\[\d+\]/g, '');

/**
 * An object's key fields and the objects it references, each a link to that object in the same
 * snapshot. `references` is null when the connector's type table could not be had.
 */
export function ObjectReadable({
  connectionId,
  snapshotId,
  fields,
  references,
}: {
  connectionId: string;
  snapshotId: string;
  fields: Field[];
  references: Reference[] | null;
}) {
  return (
    <div className="flex flex-col gap-4">
      {fields.length ? (
        <dl className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
          {fields.map((f) => (
            <div key={f.path} className="contents">
              <dt className="font-medium text-slate-700">{f.label}</dt>
              <dd className="break-words">{text(f.value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-700">No simple fields: see the JSON.</p>
      )}
      <section aria-labelledby="references-heading" className="flex flex-col gap-2">
        <h3 id="references-heading" className="text-sm font-semibold">
          References
        </h3>
        {references === null ? (
          <p className="text-sm text-slate-700">References cannot be shown for this connection right now.</p>
        ) : references.length ? (
          <ul className="flex flex-col gap-1 text-sm">
            {references.map((r) => (
              <li key={r.path} className="break-words">
                <code className="text-xs text-slate-700">{where(r.path)}</code>:{' '}
                {r.target ? (
                  <Link
                    to={objectHref(connectionId, snapshotId, r.target.type, r.target.id)}
                    className="text-indigo-700 underline"
                  >
                    {r.target.label}
                  </Link>
                ) : (
                  <>
                    <code>{r.value}</code> <span className="text-slate-700">(not in this snapshot)</span>
                  </>
                )}
                {r.target && <span className="text-slate-700"> ({r.target.type})</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">This object references no other object.</p>
        )}
      </section>
    </div>
  );
}
