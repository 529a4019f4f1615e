import { type JsonChange, diffJson } from '../changes/json-diff.fns.ts';
import type { IdpManualStep, IdpObjectTypeInfo } from '../idp/types.ts';
import {
  blastCaveat,
  blastOf,
  derivedFrom,
  isSystem,
  manualCaveat,
  newIdCaveat,
  secretCaveats,
} from './caveats.fns.ts';
import {
  asReached,
  fromKey,
  labelOf,
  parentOf,
  refKey,
  referencesOf,
  type TypeIndex,
  withoutVolatile,
} from '../snapshots/objects.fns.ts';
import { hitAt, replaceId, valueAt } from '../snapshots/paths.fns.ts';
import { stepPath } from './step-path.fns.ts';
import type { Caveat, ObjectRef, PlannedStep, RestoreAction, Rewrite } from './types.ts';

/** One object the preview found different (or asked about): its snapshot body, its live body, or both. */
export interface Candidate extends ObjectRef {
  desired?: unknown;
  live?: unknown;
  address?: Buffer;
}

export interface PlanContext {
  types: TypeIndex;
  deletions: boolean;
  /** Members (user ids) of a group in the snapshot, for blast-radius estimates. */
  members: (groupId: string) => readonly string[];
  /** Receives the users each step reaches, so the plan can count them once across steps. */
  reached?: (users: readonly string[]) => void;
  /** Objects the provider keeps deleted and restores with their id (refKey → when deleted), from deleted-items.ts. */
  fromDeleted?: ReadonlyMap<string, string | undefined>;
  /** References to an object from outside the scope (they keep the old id), by key. */
  outsideReferrers?: ReadonlyMap<string, (ObjectRef & { path: string })[]>;
  /** Decision 066: what the API cannot write, by key: a skipped step that says what to set by hand (manual-steps.ts). */
  manual?: ReadonlyMap<string, IdpManualStep>;
}

export const newIdMark = (type: string, oldId: string) => `⟨new id of ${type} ${oldId}⟩`;

/**
 * Decides what each candidate needs (create, update, reactivate, delete or skip) and why not
 * everything comes back as it was. Objects equal in all but volatile fields give no step; an
 * unchanged object that references a re-created one gets an update that rewrites the reference.
 */
export function planSteps(candidates: readonly Candidate[], ctx: PlanContext): PlannedStep[] {
  const recreated = new Set(
    candidates.filter((c) => c.desired !== undefined && c.live === undefined).map((c) => refKey(c.type, c.id)),
  );
  const raw = candidates
    .filter((c) => !ctx.types.get(c.type)?.restore?.inventoryOnly)
    .map((c) => ({ c, info: ctx.types.get(c.type), ...decide(c, ctx, recreated) }));
  // What comes back from deleted items keeps its id: nothing that names it needs rewriting.
  const newIds = new Set(
    raw
      .filter((r) => r.action === 'create' && r.info?.restore?.assignsId)
      .map((r) => refKey(r.c.type, r.c.id))
      .filter((k) => !ctx.fromDeleted?.has(k)),
  );
  const referrers = new Map<string, (ObjectRef & { path: string; rewritten: boolean })[]>();
  const steps: PlannedStep[] = [];
  for (const r of raw) {
    const { c, info } = r;
    if (!info) continue;
    const rewrites =
      r.action === 'create' || r.action === 'update' || r.action === 'reactivate' ? rewritesOf(info, c, newIds) : [];
    for (const w of rewrites)
      push(referrers, refKey(w.type, w.oldId), { type: c.type, id: c.id, path: w.path, rewritten: true });
    // A status an activation could get no further than counts as the snapshot's (asReached).
    const seen = r.action === 'update' ? { ...c, live: asReached(info, c.desired, c.live) } : c;
    const changes = r.action === 'delete' || r.action === 'skip' ? [] : changesOf(info, seen, rewrites);
    if (r.action === 'update' && !changes.length && !rewrites.length) continue;
    const action: RestoreAction = r.action === 'update' && isReactivation(info, seen) ? 'reactivate' : r.action;
    steps.push({
      ...c,
      action,
      label: labelOf(c.desired ?? c.live, c.id),
      changes,
      caveats: r.caveats,
      rewrites,
      how: stepPath(info, { action, changes, caveats: r.caveats }),
    });
  }
  const goneIds = new Set([...newIds].map((k) => fromKey(k).id));
  for (const s of steps) addCaveats(s, ctx, referrers, newIds, goneIds);
  return steps;
}

function decide(
  c: Candidate,
  ctx: PlanContext,
  recreated: ReadonlySet<string>,
): { action: RestoreAction; caveats: Caveat[] } {
  const info = ctx.types.get(c.type);
  const restore = info?.restore;
  const skip = (kind: 'not_restorable' | 'system' | 'not_in_snapshot', message: string) => ({
    action: 'skip' as const,
    caveats: [{ kind, message } as Caveat],
  });
  if (!info) return skip('not_restorable', `${c.type} is not a type this connector knows`);
  const manual = ctx.manual?.get(refKey(c.type, c.id));
  if (manual) return { action: 'skip', caveats: [manualCaveat(manual)] };
  if (c.desired !== undefined && c.live === undefined) {
    const from = derivedFrom(info, c.desired);
    if (from)
      return {
        action: 'skip',
        caveats: [{ kind: 'derived', from, message: `Comes back with its ${from}, not on its own` }],
      };
    if (isSystem(info, c.desired)) {
      // The IdP makes it again with its parent (a policy's catch-all rule): the restore gives that one the snapshot's settings.
      const parent = parentOf(info, c.id);
      if (parent && recreated.has(refKey(parent.type, parent.id)) && restore?.update && restore.naturalKey) {
        return {
          action: 'create',
          caveats: [
            {
              kind: 'system',
              message: `Made by the IdP with its ${ctx.types.get(parent.type)?.label ?? parent.type}: the restore finds that one by its ${restore.naturalKey} and gives it the snapshot's settings`,
            },
          ],
        };
      }
      return skip('system', 'A default or system object: it cannot be re-created, only its replacement can be edited');
    }
    if (!restore?.create)
      return skip('not_restorable', restore?.reason ?? `${info.label} cannot be created through the API`);
    const key = refKey(c.type, c.id);
    if (ctx.fromDeleted?.has(key)) {
      const at = ctx.fromDeleted.get(key);
      return {
        action: 'create',
        caveats: [
          {
            kind: 'from_deleted',
            ...(at ? { deletedAt: at } : {}),
            message: `In the IdP's deleted items${at ? ` (deleted ${at})` : ''}: restored from there with its id and credentials, so what names it stays linked, then given the snapshot's settings`,
          },
        ],
      };
    }
    return { action: 'create', caveats: [] };
  }
  if (c.desired === undefined) {
    if (isSystem(info, c.live))
      return skip('system', 'A default or system object the snapshot does not have: it cannot be deleted');
    if (!ctx.deletions)
      return skip(
        'not_in_snapshot',
        'Exists in the org but not in the snapshot: kept (ask for deletions to remove it)',
      );
    if (!restore?.delete)
      return skip('not_restorable', restore?.reason ?? `${info.label} cannot be deleted through the API`);
    return { action: 'delete', caveats: [] };
  }
  return { action: 'update', caveats: [] };
}

const isReactivation = (info: IdpObjectTypeInfo, c: Candidate) =>
  !!info.restore?.lifecycle && valueAt(c.desired, 'status') === 'ACTIVE' && valueAt(c.live, 'status') !== 'ACTIVE';

/** References in the restored body (and its parent) to objects this plan re-creates. */
function rewritesOf(info: IdpObjectTypeInfo, c: Candidate, newIds: ReadonlySet<string>): Rewrite[] {
  const out: Rewrite[] = [];
  for (const ref of referencesOf(info, c.desired)) {
    if (ref.by) continue; // names and keys survive a re-creation (a scope's name, an authenticator's key)
    const type = ref.types.find((t) => newIds.has(refKey(t, ref.value)));
    if (type) out.push({ path: ref.at, type, oldId: ref.value });
  }
  const parent = parentOf(info, c.id);
  if (parent && newIds.has(refKey(parent.type, parent.id)))
    out.push({ path: '(parent)', type: parent.type, oldId: parent.id });
  return out;
}

/** Live → restored, without volatile fields; re-created ids shown as marks. */
function changesOf(info: IdpObjectTypeInfo, c: Candidate, rewrites: readonly Rewrite[]): JsonChange[] {
  const after = withoutVolatile(info, c.desired);
  for (const w of rewrites) {
    const h = hitAt(after, w.path);
    if (typeof h?.value === 'string') h.set(replaceId(h.value, w.oldId, newIdMark(w.type, w.oldId)));
  }
  if (c.live === undefined)
    return diffJson(undefined, after).filter((d) => d.path !== '$.id' || !info.restore?.assignsId);
  return diffJson(withoutVolatile(info, c.live), after);
}

function addCaveats(
  s: PlannedStep,
  ctx: PlanContext,
  referrers: Map<string, (ObjectRef & { path: string; rewritten: boolean })[]>,
  newIds: ReadonlySet<string>,
  goneIds: ReadonlySet<string>,
) {
  const info = ctx.types.get(s.type)!;
  const key = refKey(s.type, s.id);
  if (s.action === 'skip') return;
  // What comes back from deleted items keeps its credentials.
  const kept = s.caveats.some((c) => c.kind === 'from_deleted');
  if (s.action !== 'delete' && !kept) s.caveats.push(...secretCaveats(info, s.desired));
  if (s.action !== 'delete' && info.restore?.verify)
    s.caveats.push({
      kind: 'verify',
      message: `${info.label} must be verified again once restored (its endpoint is called)`,
    });
  if ((s.action === 'create' || s.action === 'reactivate') && info.restore?.recreateNote && !kept)
    s.caveats.push({ kind: 'credentials', message: info.restore.recreateNote });
  const first = info.restore?.reportOnly;
  if (first && (s.action === 'create' || s.action === 'update' || s.action === 'reactivate')) {
    const want = valueAt(s.desired, first.path);
    s.caveats.push({
      kind: 'report_only',
      state: first.value,
      message: `Restored with ${first.path} ${first.value} (report-only), not the snapshot's ${String(want ?? 'unset')}: nothing is enforced until \`butterfly restore enable-policies\` switches it to the snapshot's state`,
    });
  }
  if (newIds.has(key)) {
    const outside = (ctx.outsideReferrers?.get(key) ?? []).map((r) => ({ ...r, rewritten: false }));
    s.caveats.push(newIdCaveat(s.label, [...(referrers.get(key) ?? []), ...outside]));
  }
  const blast = blastOf(info, s.action === 'delete' ? undefined : s.desired, s.live, ctx.members, (id) =>
    goneIds.has(id),
  );
  if (blast) {
    s.blast = { provision: blast.provision, deprovision: blast.deprovision };
    ctx.reached?.(blast.users);
    s.caveats.push(blastCaveat(s.blast));
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
