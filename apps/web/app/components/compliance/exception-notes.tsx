import { Time } from '~/components/time.tsx';

export interface ExceptionNote {
  id: string;
  scope: { objectType: string; objectId: string } | null;
  rationale: string;
  expiresAt: string;
  requestedBy: string;
  approvedBy: string;
}

/**
 * The exceptions a failing result carries (decision 038): the result stays a failure; this says who
 * accepted it, why and until when, and whether it is accepted as a whole.
 */
export function ExceptionNotes({ exceptions, accepted }: { exceptions?: ExceptionNote[]; accepted?: boolean }) {
  if (!exceptions?.length) return null;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900">
      <p className="font-medium">
        {accepted
          ? 'Accepted by an exception (still a failure in the score)'
          : 'Partly accepted: exceptions cover only some of the objects below'}
      </p>
      <ul className="mt-1 flex flex-col gap-1">
        {exceptions.map((e) => (
          <li key={e.id} className="break-words">
            Accepted until <Time iso={e.expiresAt} /> by {e.requestedBy} approved by {e.approvedBy} (
            {e.scope ? `${e.scope.objectType} ${e.scope.objectId}` : 'whole rule'}): {e.rationale}
          </li>
        ))}
      </ul>
    </div>
  );
}
