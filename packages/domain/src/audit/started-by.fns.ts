import type { Actor } from '../deps.ts';

/** How a scan record names who started it: the report's "Started by". */
export function startedByLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'member':
      return `member:${actor.label}`;
    case 'scim':
      return `scim:${actor.label}`;
    default:
      return `${actor.kind}:${actor.label}`;
  }
}
