import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { IdpClient } from '../idp/types.ts';
import { changedByLog, comparedByLine, readLogSince } from './compare-by-log.ts';
import { compareLive } from './compare-live.ts';
import { loadConnectionIdMap } from '../snapshots/connection-id-map.ts';
import { findReferrers } from './find-referrers.ts';
import { lockoutFacts } from './lockout-facts.ts';
import { manualSteps } from './manual-steps.ts';
import { markLockout } from './lockout.fns.ts';
import { loadManifest, type Manifest } from './manifest.ts';
import { type LiveMatcher, liveMatcher } from './match-live.fns.ts';
import { groupMembers } from './member-counts.ts';
import { nameRelationRows } from './name-steps.ts';
import { NOT_COMPARED_NAMES, notComparedCaveat } from './not-compared.fns.ts';
import { canonical } from '../bodies/content-address.fns.ts';
import { asReached, fromKey, labelOf, refKey, type TypeIndex, withoutVolatile } from '../snapshots/objects.fns.ts';
import { openVersions } from './open-versions.ts';
import { hitsAt } from '../snapshots/paths.fns.ts';
import { orderSteps } from './order.fns.ts';
import { type Candidate, planSteps } from './plan.fns.ts';
import { pairByNaturalKey } from './pair-by-key.fns.ts';
import { cpuNow } from './timing.fns.ts';
import { keptDeleted } from './deleted-items.ts';
import { unchangedChildren } from '../snapshots/unchanged-children.ts';
import type { Caveat, ObjectRef, OrderedStep, PlanSummary, PreviewProgress, TRestoreScope } from './types.ts';
import { withDependencies } from './with-dependencies.ts';

type Snap = Selectable<Snapshots>;

export interface ComputeInput {
  snap: Snap;
  scope: TRestoreScope;
  client: IdpClient;
  index: TypeIndex;
  /** Types the snapshot holds (listed by its backup), in the connector's catalog order. */
  snapshotTypes: readonly string[];
  progress: (p: PreviewProgress) => Promise<void>;
  /** When the preview runs: the System Log is read up to it. */
  now: Date;
  /** Compare every object, not only those the System Log names as changed (decision 053). */
  fullRead?: boolean;
  signal?: AbortSignal;
}

/**
 * The preview's work, in phases: the snapshot's manifest (hashes, no bodies), the live org compared
 * against it, the bodies of what differs, references to what gets a new id, then the plan and its
 * order. Timings separate our own compute from the connector's reading (which includes its
 * rate-limit waits).
 */
export async function computePlan(
  deps: Pick<Deps, 'db' | 'keyring'>,
  o: ComputeInput,
): Promise<{
  steps: OrderedStep[];
  caveats: Caveat[];
  summary: Omit<PlanSummary, 'threshold'>;
  pairs: ReadonlyMap<string, string>;
}> {
  const timings: Record<string, number> = {};
  // Wall time of each phase; the comparing's CPU time (ours, not the connector's) comes from compareLive.
  const timed = async <T>(name: string, f: () => Promise<T>) => {
    const t0 = performance.now();
    const c0 = cpuNow();
    try {
      return await f();
    } finally {
      timings[name] = Math.round(performance.now() - t0);
      if (name !== 'liveMs') timings[name.replace(/Ms$/, 'CpuMs')] = Math.round(cpuNow() - c0);
    }
  };
  const idMap = await loadConnectionIdMap(deps.db, o.snap.tenant_id, o.snap.connection_id);
  const matcher = idMap.size ? liveMatcher(o.index, idMap) : undefined;
  // Chosen objects are read one by one already; a whole scope may be compared by the System Log.
  const chosen = !!o.scope.objects || o.scope.withDependencies;
  const log = chosen
    ? undefined
    : await timed('logMs', () =>
        readLogSince({
          client: o.client,
          since: o.snap.started_at,
          now: o.now,
          fullRead: o.fullRead,
          signal: o.signal,
        }),
      );
  const byLog = log && 'events' in log ? log : undefined;
  const unchanged = await unchangedChildren(deps, o.snap, o.index, o.scope.objects || byLog ? [] : o.snapshotTypes);
  const { manifest, only, types } = await timed('manifestMs', () => scopeManifest(deps, o, unchanged.childIndexed));
  const total = manifest.size;
  await o.progress({ phase: 'reading live org', done: 0, total });
  const changed = byLog
    ? await changedByLog({
        client: o.client,
        index: o.index,
        types,
        manifest,
        events: byLog.events,
        snapshotIdsOf: matcher ? (t, id) => matcher.snapshotIdsOf(t, id) : undefined,
        signal: o.signal,
      })
    : undefined;
  const live = await timed('liveMs', () =>
    compareLive(deps, {
      tenantId: o.snap.tenant_id,
      client: o.client,
      types,
      index: o.index,
      manifest,
      only,
      within: changed?.within,
      source: changed?.source,
      skipChildren: only || changed ? undefined : unchanged.skip(manifest),
      matcher,
      signal: o.signal,
      onProgress: (done) => void o.progress({ phase: 'reading live org', done: done + unchanged.stats.skipped, total }),
    }),
  );
  await o.progress({ phase: 'comparing', done: live.compared, total });
  const gone = await timed('missingMs', () => missing(deps, o, manifest, live.skipped, matcher));
  const { candidates, pairs, paired } = pairUp(o.index, gone, live.candidates, idMap);
  const outside = await timed('referrersMs', () =>
    addReferrers(deps, o, candidates, only, new Set(types), live.skipped, { before: matcher, after: paired, pairs }),
  );
  await o.progress({ phase: 'ordering', done: 0, total: candidates.length });
  const members = await groupMembers(
    deps.db,
    o.snap,
    [...o.index.values()].filter((t) => t.restore?.membershipOf).map((t) => t.type),
    assignedGroups(o.index, candidates),
  );
  const fromDeleted = await timed('deletedMs', () => keptDeleted(o.client, o.index, candidates, o.signal));
  const manual = await timed('manualMs', () => manualSteps(deps, o.snap, o.client, o.index, candidates));
  const reached = new Set<string>();
  const t0 = performance.now();
  const c0 = cpuNow();
  const planned = planSteps(candidates, {
    types: o.index,
    deletions: o.scope.deletions,
    members: (g) => members.get(g) ?? [],
    reached: (users) => {
      for (const u of users) reached.add(u);
    },
    outsideReferrers: outside,
    fromDeleted,
    manual,
  });
  await nameRelationRows(deps, o.snap, o.index, planned, candidates);
  const steps = orderSteps(planned, o.index);
  const facts = await lockoutFacts(deps, o.snap, steps);
  const lockoutSteps = facts ? markLockout(steps, facts) : 0;
  timings.planMs = Math.round(performance.now() - t0);
  timings.planCpuMs = Math.round(cpuNow() - c0);
  timings.compareCpuMs = Math.round(live.computeMs);
  const caveats: Caveat[] = await notCompared(deps, o, manifest, live.skipped);
  const inventory = candidates.filter(
    (c) => o.index.get(c.type)?.restore?.inventoryOnly && c.desired !== undefined && c.live === undefined,
  );
  if (inventory.length) {
    const labels = [...new Set(inventory.map((c) => o.index.get(c.type)?.label ?? c.type))].join(', ');
    caveats.push({
      kind: 'not_restorable',
      message: `${inventory.length} object(s) of the snapshot are not in the org and cannot come back (${labels}): only their metadata is backed up; the IdP makes new ones with their app, or generate them`,
    });
  }
  const reportOnly = steps.flatMap((s) =>
    s.caveats.filter((c): c is Extract<Caveat, { kind: 'report_only' }> => c.kind === 'report_only'),
  );
  if (reportOnly.length)
    caveats.push({
      kind: 'report_only',
      state: reportOnly[0]!.state,
      message: `${reportOnly.length} polic(ies) come back in report-only state whatever the snapshot says; once applied, switch them on with \`butterfly restore enable-policies <tenant> <plan-id> --confirm <code>\``,
    });
  const byHand = steps.filter((s) => s.caveats.some((c) => c.kind === 'manual')).length;
  if (byHand)
    caveats.push({
      kind: 'manual',
      where: 'admin console',
      set: [],
      message: `${byHand} setting(s) cannot be written through the API: apply skips them; set each by hand as its step says`,
    });
  const cycles = steps.filter((s) => s.caveats.some((c) => c.kind === 'cycle')).length;
  if (cycles)
    caveats.push({
      kind: 'cycle',
      with: [],
      message: `${cycles} step(s) reference each other in a circle: see their caveats`,
    });
  const byAction: PlanSummary['byAction'] = {};
  for (const s of steps) byAction[s.action] = (byAction[s.action] ?? 0) + 1;
  const summary = {
    steps: steps.length,
    byAction,
    // People, once each, however many steps and groups reach them.
    blastRadius: reached.size,
    newIds: steps.filter((s) => s.caveats.some((c) => c.kind === 'new_id')).length,
    caveats: steps.reduce((n, s) => n + s.caveats.length, caveats.length),
    compared: live.compared,
    unchangedChildren: unchanged.stats.skipped,
    ...(log
      ? {
          comparedBy: comparedByLine(
            changed && byLog
              ? { mode: 'log', since: byLog.since, ...changed }
              : { mode: 'full', reason: 'full' in log ? log.full : 'asked for' },
          ),
        }
      : {}),
    ...(lockoutSteps ? { lockout: { steps: lockoutSteps, admins: [...(facts?.admins ?? [])] } } : {}),
    timings,
  };
  return { steps, caveats, summary, pairs };
}

/**
 * One caveat per type the org did not answer for, not one per object: how many of the snapshot's
 * objects of that type were left uncompared, why in words, and the first names for the page to list.
 */
async function notCompared(
  deps: Pick<Deps, 'db' | 'keyring'>,
  o: ComputeInput,
  manifest: Manifest,
  skipped: ReadonlyMap<string, string>,
): Promise<Caveat[]> {
  if (!skipped.size) return [];
  const byType = new Map<string, { id: string; address: Buffer }[]>([...skipped.keys()].map((t) => [t, []]));
  for (const x of manifest.unseen()) byType.get(x.type)?.push({ id: x.id, address: manifest.address(x.slot) });
  const named = [...byType.values()].flatMap((xs) => xs.slice(0, NOT_COMPARED_NAMES));
  const bodies = await openVersions(
    deps,
    o.snap.tenant_id,
    named.map((x) => x.address.toString('latin1')),
  );
  return [...skipped].map(([type, reason]) => {
    const xs = byType.get(type) ?? [];
    const names = xs.slice(0, NOT_COMPARED_NAMES).map((x) => labelOf(bodies.get(x.address.toString('latin1')), x.id));
    return notComparedCaveat({ type, label: o.index.get(type)?.label ?? type, reason, count: xs.length, names });
  });
}

/** Groups the candidates assign (before or after), whose members a blast-radius estimate needs. */
function assignedGroups(index: TypeIndex, candidates: readonly Candidate[]): string[] {
  const out = new Set<string>();
  for (const c of candidates) {
    const at = index.get(c.type)?.restore?.provisions?.groupsAt;
    if (!at) continue;
    for (const b of [c.desired, c.live]) for (const h of hitsAt(b, at)) out.add(String(h.value));
  }
  return [...out];
}

/**
 * Objects not found under their ids paired with live ones by natural key (pair-by-key.fns.ts); the
 * others' references to them then name the live ids, and what now equals the org drops out.
 */
function pairUp(index: TypeIndex, gone: Candidate[], compared: Candidate[], idMap: ReadonlyMap<string, string>) {
  const extra = compared.filter((c) => c.desired === undefined);
  const p = pairByNaturalKey(index, gone, extra, idMap);
  const changed = compared.filter((c) => c.desired !== undefined);
  if (!p.paired.length) return { candidates: [...gone, ...compared], pairs: p.byKey };
  const paired = liveMatcher(index, new Map([...idMap, ...p.byKey]));
  const differs = (c: Candidate) => {
    const info = index.get(c.type);
    const desired = paired.asLive(c.type, c.id, c.desired);
    return canonical(withoutVolatile(info, desired)) ===
      canonical(withoutVolatile(info, asReached(info, desired, c.live)))
      ? []
      : [{ ...c, desired }];
  };
  return {
    candidates: [...p.unseen, ...p.extra, ...[...changed, ...p.paired].flatMap(differs)],
    pairs: p.byKey,
    paired,
  };
}

/** The manifest of what the scope covers, and (for chosen objects) exactly which keys. */
async function scopeManifest(
  deps: Pick<Deps, 'db' | 'keyring'>,
  o: ComputeInput,
  childIndexed: readonly string[],
): Promise<{ manifest: Manifest; only?: Set<string>; types: string[] }> {
  const known = new Set(o.snapshotTypes);
  const asked =
    o.scope.types ?? (o.scope.objects ? [...new Set(o.scope.objects.map((x) => x.type))] : [...o.snapshotTypes]);
  const unknown = asked.filter((t) => !known.has(t));
  if (unknown.length)
    throw new DomainError('VALIDATION', `Not in the snapshot or unknown to the connector: ${unknown.join(', ')}`);
  if (!o.scope.objects && !o.scope.withDependencies)
    return { manifest: await loadManifest(deps.db, o.snap, { types: asked, childIndexed }), types: asked };
  const full = await loadManifest(deps.db, o.snap, {
    types: o.scope.objects && !o.scope.withDependencies ? asked : o.snapshotTypes,
  });
  const chosen = o.scope.objects
    ? new Set(o.scope.objects.map((x) => refKey(x.type, x.id)))
    : new Set([...full.keys()].filter((k) => asked.includes(fromKey(k).type)));
  const absent = [...chosen].filter((k) => !full.has(k)).map(fromKey);
  if (absent.length)
    throw new DomainError(
      'VALIDATION',
      `Not in the snapshot: ${absent
        .slice(0, 5)
        .map((r) => `${r.type}:${r.id}`)
        .join(', ')}`,
    );
  const only = o.scope.withDependencies ? await withDependencies(deps, o.snap, o.index, full, chosen) : chosen;
  return { manifest: full.only(only), only, types: [...new Set([...only].map((k) => fromKey(k).type))] };
}

/** Snapshot objects not found live (and of a type the org answered for): their bodies, to re-create. */
async function missing(
  deps: Pick<Deps, 'db' | 'keyring'>,
  o: ComputeInput,
  manifest: Manifest,
  skipped: ReadonlyMap<string, string>,
  matcher?: LiveMatcher,
): Promise<Candidate[]> {
  const gone = [...manifest.unseen()]
    .filter((x) => !skipped.has(x.type))
    .map((x) => ({ type: x.type, id: x.id, address: manifest.address(x.slot) }));
  const bodies = await openVersions(
    deps,
    o.snap.tenant_id,
    gone.map((g) => g.address.toString('latin1')),
  );
  // Their references to objects earlier restores re-created name those objects' ids today.
  return gone.map((g) => {
    const body = bodies.get(g.address.toString('latin1'));
    return { ...g, desired: matcher ? matcher.asLive(g.type, g.id, body) : body };
  });
}

/**
 * Objects that name something about to be re-created get a step that rewrites the reference: in
 * scope, even when they are unchanged (their live body equals the snapshot's); outside it, they are
 * reported on the re-created object's step instead.
 */
async function addReferrers(
  deps: Pick<Deps, 'db' | 'keyring'>,
  o: ComputeInput,
  candidates: Candidate[],
  only: ReadonlySet<string> | undefined,
  types: ReadonlySet<string>,
  skipped: ReadonlyMap<string, string>,
  m: { before?: LiveMatcher; after?: LiveMatcher; pairs: ReadonlyMap<string, string> },
) {
  const outside = new Map<string, (ObjectRef & { path: string })[]>();
  const created = candidates
    .filter(
      (c) => c.live === undefined && o.index.get(c.type)?.restore?.assignsId && o.index.get(c.type)?.restore?.create,
    )
    .map((c) => refKey(c.type, c.id));
  const targets = new Set([...created, ...m.pairs.keys()]);
  if (!targets.size) return outside;
  const have = new Set(candidates.map((c) => refKey(c.type, c.id)));
  for (const r of await findReferrers(deps, o.snap, o.index, targets, o.snapshotTypes)) {
    const key = refKey(r.type, r.id);
    const inScope = only ? only.has(key) : types.has(r.type) && !skipped.has(r.type);
    if (inScope) {
      // Unchanged (else it would be a candidate already): live, it is the snapshot's body as it looks today.
      // and the restore makes it name the objects paired by natural key under their live ids.
      const body = m.before ? m.before.asLive(r.type, r.id, r.body) : r.body;
      if (!have.has(key))
        candidates.push({
          type: r.type,
          id: r.id,
          desired: m.after ? m.after.asLive(r.type, r.id, r.body) : body,
          live: body,
          address: r.address,
        });
      continue;
    }
    for (const [target, path] of r.paths)
      outside.set(target, [...(outside.get(target) ?? []), { type: r.type, id: r.id, path }]);
  }
  return outside;
}
