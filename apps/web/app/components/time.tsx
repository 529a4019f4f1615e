import { formatAbsolute, formatRelative } from '~/utils/time.ts';
import { useNow, useViewerTimeZone } from './viewer-time.ts';

interface Props {
  /** An ISO 8601 timestamp. */
  iso: string;
  /** Add "(3 min ago)" after the time; on by default. */
  relative?: boolean;
  className?: string;
}

/**
 * Every time the dashboard shows: absolute to the second, in the viewer's time zone, with how long
 * ago. The server renders UTC with no relative part; the browser swaps in its zone and the relative
 * time after hydration (useEffect), so the two first renders are the same and nothing mismatches.
 */
export function Time({ iso, relative = true, className }: Props) {
  const zone = useViewerTimeZone();
  const now = useNow();
  if (Number.isNaN(Date.parse(iso))) return <span className={className}>—</span>;
  const absolute = formatAbsolute(iso, zone);
  return (
    <time dateTime={iso} title={absolute} className={className}>
      {absolute}
      {relative && now && <span className="text-slate-600"> ({formatRelative(iso, now)})</span>}
    </time>
  );
}
