/**
 * Times as the dashboard shows them: to the second, with the zone named. The server renders UTC;
 * the browser swaps in its own zone after hydration (components/time.tsx), so both render the same
 * first.
 */
export function formatAbsolute(iso: string | Date, timeZone = 'UTC'): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  });
}

const UNITS: [limit: number, size: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86_400, 3600, 'h'],
];

/** "just now", "45 s ago", "3 min ago", "2 h ago", "3 days ago"; "in 5 min" for the future. */
export function formatRelative(iso: string | Date, now: Date): string {
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  const seconds = Math.round((now.getTime() - t.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 10) return 'just now';
  let text: string | undefined;
  for (const [limit, size, unit] of UNITS) {
    if (abs < limit) {
      text = `${Math.floor(abs / size)} ${unit}`;
      break;
    }
  }
  if (!text) {
    const days = Math.floor(abs / 86_400);
    text = days < 60 ? `${days} day${days === 1 ? '' : 's'}` : `${Math.floor(days / 30)} months`;
  }
  return seconds >= 0 ? `${text} ago` : `in ${text}`;
}

/** The browser's own time zone (IANA name), or UTC when it has none to offer. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
