import type { IdpClient, IdpLogEvent, IdpObject } from '../idp/types.ts';
import { refKey, type TypeIndex } from '../snapshots/objects.fns.ts';
import type { Manifest } from './manifest.ts';
import type { ComparedBy } from './types.ts';

/** How long Okta's System Log keeps events: an older snapshot's changes cannot all be known from it. */
export const LOG_RETENTION_DAYS = 90;

/** A type with at least this many changed objects, and more than one per this many of its objects, is listed whole. */
const MIN_WHOLE = 20;
const READS_PER_PAGE = 100;

export type LogRead = { events: IdpLogEvent[]; since: Date } | { full: string };

/**
 * Decision 053: whether a preview may compare only what the System Log names, and the events if so.
 * Events since the snapshot's start, not its end: an object changed while the backup ran may be
 * stored either way. Anything that stops it (asked for a full read, a provider without
 * readChangedObjects, a snapshot older than the log keeps, a log the credential may not read) is a
 * full read, and the reason is said in the plan.
 */
export async function readLogSince(o: {
  client: IdpClient;
  since: Date;
  now: Date;
  fullRead?: boolean;
  signal?: AbortSignal;
}): Promise<LogRead> {
  if (o.fullRead) return { full: 'asked for' };
  if (!o.client.readChangedObjects) return { full: "the connection's provider cannot read changed objects" };
  if (o.now.getTime() - o.since.getTime() > LOG_RETENTION_DAYS * 86_400_000)
    return { full: `the snapshot is older than the ${LOG_RETENTION_DAYS} days the System Log keeps` };
  const events: IdpLogEvent[] = [];
  try {
    for await (const e of o.client.listLogEvents({ since: o.since, until: o.now, signal: o.signal })) events.push(e);
  } catch (e) {
    if (o.signal?.aborted) throw e;
    return { full: `the System Log could not be read (${String((e as Error)?.message ?? e).slice(0, 200)})` };
  }
  return { events, since: o.since };
}

/**
 * What a log-driven comparison reads, and what it trusts: the objects the events name (read now,
 * once each), the children of a named parent for types whose changes the log names by their parent
 * (a group's members), and whole the types the log does not name at all. Every other object of the
 * manifest is marked seen: unchanged since the snapshot, as the log says.
 */
export async function changedByLog(o: {
  client: IdpClient;
  index: TypeIndex;
  types: readonly string[];
  manifest: Manifest;
  events: readonly IdpLogEvent[];
  /** Snapshot ids of a live object re-created by an earlier restore (match-live.fns.ts). */
  snapshotIdsOf?: (type: string, id: string) => string[];
  signal?: AbortSignal;
}) {
  const inScope = new Set(o.types);
  const logged = (t: string) => o.index.get(t)?.logged;
  const parentOf = (id: string) => id.slice(0, id.lastIndexOf('/'));
  const memberOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);
  // The snapshot type of each id the events name (Okta's ids are unique across types).
  const targetIds = new Set(o.events.flatMap((e) => e.targets.map((t) => t.id)));
  const typeOfId = new Map<string, string>();
  const perType = new Map<string, number>();
  for (const x of o.manifest.unseen()) {
    if (logged(x.type) === 'self') perType.set(x.type, (perType.get(x.type) ?? 0) + 1);
    if (targetIds.has(x.id)) typeOfId.set(x.id, x.type);
  }
  const namedPerType = new Map<string, number>();
  for (const t of typeOfId.values()) namedPerType.set(t, (namedPerType.get(t) ?? 0) + 1);
  // Many changed objects of one type cost fewer requests listed (a page holds 200 users) than read one by one.
  const whole = new Set(
    [...namedPerType]
      .filter(([t, k]) => logged(t) === 'self' && k >= MIN_WHOLE && k * READS_PER_PAGE > (perType.get(t) ?? 0))
      .map(([t]) => t),
  );
  const events = whole.size
    ? o.events
        .map((e) => ({ ...e, targets: e.targets.filter((t) => !whole.has(typeOfId.get(t.id) ?? '')) }))
        .filter((e) => e.targets.length)
    : o.events;
  const changed = events.length ? await o.client.readChangedObjects!(events, { signal: o.signal }) : [];
  /** Objects read and compared; parents whose children (memberships) are listed again. */
  const named = new Set<string>();
  const parents = new Set<string>();
  const idsOf = (type: string, id: string) => [id, ...(o.snapshotIdsOf?.(type, id) ?? [])];
  const name = (type: string, id: string) => {
    for (const s of idsOf(type, id)) {
      named.add(refKey(type, s));
      parents.add(refKey(type, s));
    }
  };
  // Objects of a type listed whole are named all the same: their memberships are listed again.
  for (const [id, t] of typeOfId) if (whole.has(t)) parents.add(refKey(t, id));
  const live: IdpObject[] = [];
  // A deleted or deactivated member leaves its groups and apps without an event naming them.
  const left = new Set(
    o.events
      .filter((e) => /lifecycle\.(delete|deactivate)/.test(e.eventType))
      .flatMap((e) => e.targets.map((t) => t.id)),
  );
  /** Ids read and found gone live: a deleted member leaves every group and app, so its rows are missing as they are. */
  const goneIds = new Set<string>();
  for (const c of changed) {
    if (!c.object) {
      left.add(c.ref.id);
      goneIds.add(c.ref.id);
    }
    if (!inScope.has(c.ref.type) && !o.types.some((t) => o.index.get(t)?.parent === c.ref.type)) continue;
    name(c.ref.type, c.ref.id);
    if (c.object) live.push(c.object);
  }
  // A named object the connector could not type once gone (a deleted policy) is found by its id.
  const recheck: { type: string; id: string }[] = [];
  for (const x of o.manifest.unseen()) {
    const how = logged(x.type);
    if (how === 'self' && targetIds.has(x.id) && !whole.has(x.type) && !named.has(refKey(x.type, x.id))) {
      // One that cannot be read by id makes its type listed whole.
      if (!o.index.get(x.type)?.readOne) {
        whole.add(x.type);
        parents.add(refKey(x.type, x.id));
      } else {
        name(x.type, x.id);
        recheck.push({ type: x.type, id: x.id });
      }
    } else if (how === 'parent' && left.has(memberOf(x.id)) && !goneIds.has(memberOf(x.id)))
      // A deactivated member may have left some of them: those lists are read again.
      parents.add(refKey(o.index.get(x.type)!.parent!, parentOf(x.id)));
  }
  // Read now, not while listing: what is gone decides which snapshot objects count as missing.
  const gone = new Set<string>();
  for (const c of changed) if (!c.object) for (const s of idsOf(c.ref.type, c.ref.id)) gone.add(refKey(c.ref.type, s));
  for (const ref of recheck) {
    const obj = await o.client.readObject(ref, { signal: o.signal });
    if (obj) live.push(obj);
    else gone.add(refKey(ref.type, ref.id));
  }
  /** Children listed again under a named parent: membership-like types, and the children of types listed whole. */
  const listedUnder = (t: string) => {
    const parent = o.index.get(t)?.parent;
    return !!parent && (logged(t) === 'parent' || (logged(t) === 'self' && whole.has(parent)));
  };
  const childTypes = new Set(
    o.types.filter(
      (t) => listedUnder(t) && [...parents].some((k) => k.startsWith(refKey(o.index.get(t)?.parent ?? '', ''))),
    ),
  );
  // Deleting a parent deletes its children without an event naming them (an access policy's rules).
  const underGone = (type: string, id: string) => {
    for (let t = type, i = id, p = o.index.get(t)?.parent; p; t = p, p = o.index.get(t)?.parent) {
      i = parentOf(i);
      if (gone.has(refKey(p, i))) return true;
    }
    return false;
  };
  const fullTypes = [...o.types.filter((t) => !logged(t)), ...o.types.filter((t) => whole.has(t))];
  const full = new Set(fullTypes);
  const within = (type: string, id: string) => {
    if (!inScope.has(type)) return false;
    if (full.has(type) || named.has(refKey(type, id)) || underGone(type, id)) return true;
    if (logged(type) === 'parent' && goneIds.has(memberOf(id))) return true;
    const parent = listedUnder(type) ? o.index.get(type)?.parent : undefined;
    return !!parent && parents.has(refKey(parent, parentOf(id)));
  };
  let trusted = 0;
  for (const x of o.manifest.unseen())
    if (!within(x.type, x.id)) {
      o.manifest.see(x.slot);
      trusted++;
    }
  const listed = [...childTypes, ...fullTypes];
  const walked = new Set(listed);
  for (const t of listed) for (let p = o.index.get(t)?.parent; p; p = o.index.get(p)?.parent) walked.add(p);
  const client = o.client;
  const signal = o.signal;
  async function* source(): AsyncGenerator<IdpObject> {
    yield* live;
    if (!listed.length) return;
    yield* client.listObjects({
      types: [...walked],
      signal,
      // Children whose changes name their parent: only those of a named parent are listed.
      skipChildren: (childType, parent) => childTypes.has(childType) && !parents.has(refKey(parent.type, parent.id)),
    });
  }
  const namedWhole = [...whole].reduce((n, t) => n + (namedPerType.get(t) ?? 0), 0);
  return { source: source(), within, named: named.size + namedWhole, trusted, fullTypes };
}

/** The plan's line on how it compared. */
export function comparedByLine(
  c:
    | { mode: 'log'; since: Date; named: number; trusted: number; fullTypes: string[] }
    | { mode: 'full'; reason: string },
): ComparedBy {
  if (c.mode === 'full')
    return {
      mode: 'full',
      reason: c.reason,
      message: `Compared every object with the live org (full read: ${c.reason})`,
    };
  const whole = c.fullTypes.length
    ? `, read ${c.fullTypes.length} type(s) whole (the log does not name their changes, or listing costs fewer requests)`
    : '';
  return {
    mode: 'log',
    since: c.since.toISOString(),
    named: c.named,
    trusted: c.trusted,
    fullTypes: c.fullTypes,
    message: `Compared ${c.named} object(s) the System Log names as changed since ${c.since.toISOString()} (with their memberships)${whole}; the other ${c.trusted} trusted from the snapshot. Preview with a full read to compare everything.`,
  };
}
