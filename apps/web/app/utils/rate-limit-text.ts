import { formatCount, formatDuration } from './format.ts';

/**
 * A backup's pauses for Okta's rate limit, said as what they are: time spent keeping to our share of
 * the org's limit, not an alarm. Null when it never paused. `waitMs` is null for backups recorded
 * before the time was.
 */
export function rateLimitText(
  waits: number,
  waitMs: number | null | undefined,
  opts: { running?: boolean } = {},
): string | null {
  if (!waits) return null;
  const why = "Butterfly keeps to its share of your org's limit, so your own tools keep theirs.";
  const pauses = `${formatCount(waits)} short pause${waits === 1 ? '' : 's'}`;
  if (waitMs === null || waitMs === undefined)
    return `Paused for Okta's rate limit ${waits === 1 ? 'once' : `${formatCount(waits)} times`}: ${why}`;
  return `Waited ${formatDuration(waitMs)} ${opts.running ? 'so far' : 'in total'} for Okta's rate limit (${pauses}): ${why}`;
}
