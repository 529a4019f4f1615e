import type { Caveat } from './types.ts';

/** How many names a "not compared" line keeps for its expandable list; the count says the rest. */
export const NOT_COMPARED_NAMES = 50;

/**
 * The connector's reason a type could not be read live, in words: "Okta answered 404 E0000007: …"
 * becomes what that status means for a restore, so a page of these reads as one line per type.
 */
export function humanReason(reason: string): string {
  const status = Number(/answered (\d{3})/.exec(reason)?.[1] ?? Number.NaN);
  if (/E0000015/.test(reason))
    return 'Okta answered that this org does not have the feature (E0000015), so there is nothing live to compare with';
  if (status === 404) return 'Okta answered 404 (not found) for them; they may have been deleted since the snapshot';
  if (status === 403 || status === 401)
    return `Okta answered ${status} (not allowed): the connection's token lacks the read permission or scope`;
  if (status === 400)
    return 'Okta answered 400 (bad request): this org does not support reading them (a feature it lacks)';
  if (status === 429) return 'Okta answered 429 (rate limited) until the preview gave up';
  if (status >= 500) return `Okta answered ${status} (a server error): preview again later`;
  return `they could not be read live (${reason})`;
}

/** One line per object type the live org did not answer for: how many snapshot objects that leaves uncompared, why, and their names. */
export function notComparedCaveat(o: {
  type: string;
  label: string;
  reason: string;
  count: number;
  names: string[];
}): Caveat {
  const what = o.count
    ? `${o.count} object${o.count === 1 ? '' : 's'} not compared`
    : 'not compared (none in the snapshot)';
  return {
    kind: 'not_compared',
    type: o.type,
    count: o.count,
    reason: o.reason,
    names: o.names.slice(0, NOT_COMPARED_NAMES),
    message: `${o.label}: ${what} — ${humanReason(o.reason)}`,
  };
}
