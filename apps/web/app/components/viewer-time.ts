import { useEffect, useState } from 'react';
import { browserTimeZone } from '~/utils/time.ts';

/**
 * The viewer's time zone: 'UTC' on the server and during hydration (so the browser's first render
 * matches the server's HTML), the browser's own zone right after.
 */
export function useViewerTimeZone(): string {
  const [zone, setZone] = useState('UTC');
  useEffect(() => setZone(browserTimeZone()), []);
  return zone;
}

/** The current time, ticking every `everyMs`; null on the server and during hydration. */
export function useNow(everyMs = 15_000): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const t = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
