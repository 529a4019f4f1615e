import type { IdpLogEvent } from '../idp/types.ts';

/** Who touched an object between two snapshots, as a diff shows it. */
export interface ChangeActor {
  /** The actor's login (an admin's email, a service app's client id), else its name or id. */
  actor: string;
  /** ISO 8601, when the event was published. */
  at: string;
  eventType: string;
}

export interface AttributionWindow {
  from: Date;
  to: Date;
}

/**
 * Log events by the ids of their targets, for matching many changes against one window's events.
 * Objects are identified by their id path within the snapshot (`policyId/ruleId`, `groupId/userId`).
 */
export function indexEvents(events: Iterable<IdpLogEvent>): Map<string, IdpLogEvent[]> {
  const index = new Map<string, IdpLogEvent[]>();
  // An event published exactly on the boundary of two windows ([since, until] both inclusive) is
  // stored with both snapshots: it counts once.
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    for (const id of new Set(e.targets.map((t) => t.id))) {
      const list = index.get(id) ?? [];
      list.push(e);
      index.set(id, list);
    }
  }
  return index;
}

/**
 * The events that touched one object inside the window, oldest first. An object's id path names
 * its parents too: an event naming all of them is about exactly this object (a membership event
 * names the user and the group; a rule event names the rule and its policy), and is preferred.
 * Failing that, events naming the object's own id (the last segment) are taken, so an event that
 * names only the rule still attributes a change of that rule.
 */
export function actorsOf(
  objectId: string,
  index: Map<string, IdpLogEvent[]>,
  window: AttributionWindow,
): ChangeActor[] {
  const segments = objectId.split('/');
  const own = segments.at(-1)!;
  const from = window.from.getTime();
  const to = window.to.getTime();
  const inWindow = (index.get(own) ?? []).filter((e) => {
    const t = Date.parse(e.published);
    return t > from && t <= to;
  });
  const exact = inWindow.filter((e) => segments.every((s) => e.targets.some((t) => t.id === s)));
  const chosen = exact.length ? exact : inWindow;
  return chosen
    .toSorted((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id))
    .map((e) => ({
      actor: e.actor.alternateId || e.actor.displayName || e.actor.id,
      at: e.published,
      eventType: e.eventType,
    }));
}

/** Every change with the events that touched its object in the window (pure: no I/O). */
export function attributeChanges<C extends { id: string }>(
  changes: C[],
  events: IdpLogEvent[],
  window: AttributionWindow,
): (C & { actors: ChangeActor[] })[] {
  const index = indexEvents(events);
  return changes.map((c) => ({ ...c, actors: actorsOf(c.id, index, window) }));
}

/** The id segments of objects that changed: the log events worth keeping name at least one of them. */
export function idSegments(objectIds: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of objectIds) for (const s of id.split('/')) out.add(s);
  return out;
}
