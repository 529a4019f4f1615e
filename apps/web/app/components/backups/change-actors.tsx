import { Time } from '../time.tsx';

export interface ChangeActorView {
  actor: string;
  at: string;
  eventType: string;
}

/** Who made a change, from the IdP's audit log: "by ann@acme.com at … (Update group)"; nothing when unknown. */
export function ChangeActors({ actors }: { actors: ChangeActorView[] }) {
  if (!actors.length) return null;
  return (
    <p className="text-sm text-slate-700">
      {actors.map((a, i) => (
        <span key={`${a.at}-${i}`}>
          {i > 0 && '; '}
          by <span className="font-medium">{a.actor}</span> at <Time iso={a.at} /> ({a.eventType})
        </span>
      ))}
    </p>
  );
}
