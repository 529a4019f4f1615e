import { Notice } from '../notice.tsx';
import type { PlanData } from './types.ts';

type Caveat = PlanData['caveats'][number];
type NotCompared = Extract<Caveat, { kind: 'not_compared' }>;

/**
 * The plan's own caveats. Types the live org did not answer for are grouped in one notice, a line
 * per type with its count and reason, each opening to the names of the objects left uncompared.
 */
export function PlanCaveats({ caveats }: { caveats: Caveat[] }) {
  const notCompared = caveats.filter((c): c is NotCompared => c.kind === 'not_compared');
  const others = caveats.filter((c) => c.kind !== 'not_compared');
  return (
    <>
      {notCompared.length > 0 && (
        <Notice tone="warning" title="Not compared with the live org">
          <ul className="mt-1 flex flex-col gap-1">
            {notCompared.map((c) => (
              <li key={c.type}>
                {c.names.length ? (
                  <details>
                    <summary className="cursor-pointer">{c.message}</summary>
                    <ul className="mt-1 list-disc break-words pl-6">
                      {c.names.map((n, i) => (
                        <li key={`${n}-${i}`}>{n}</li>
                      ))}
                    </ul>
                    {c.count > c.names.length && (
                      <p className="pl-6">…and {c.count - c.names.length} more (the JSON export lists the plan).</p>
                    )}
                  </details>
                ) : (
                  c.message
                )}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {others.map((c, i) => (
        <Notice key={`${c.kind}-${i}`} tone="warning">
          {c.message}
        </Notice>
      ))}
    </>
  );
}
