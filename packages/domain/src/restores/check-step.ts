import type { IdpClient, IdpObjectTypeInfo } from '../idp/types.ts';
import type { ApplyStep } from './load-apply-steps.ts';
import { fingerprintOf, type TypeIndex } from '../snapshots/objects.fns.ts';
import { type IdMap, liveIdOf, rewriteBody } from './rewrite.fns.ts';

export type StepCheck = 'ok' | 'already' | 'stale';

/**
 * Does the live object still look as the preview saw it? Compared by fingerprint (volatile fields
 * left out). A step whose effect is already there counts as done: a membership another step's rule
 * brought back, a deletion someone already made, an earlier attempt that wrote and then died.
 */
export async function checkStep(
  client: IdpClient,
  index: TypeIndex,
  contentKey: Buffer,
  step: ApplyStep,
  idMap: IdMap,
  signal?: AbortSignal,
): Promise<StepCheck> {
  const info = index.get(step.type);
  if (!info) return 'stale';
  const live = await client.readObject({ type: step.type, id: liveIdOf(index, step.type, step.id, idMap) }, { signal });
  const seen = live ? fingerprintOf(contentKey, info, step.type, live.body) : null;
  if (seen === step.fingerprint) return 'ok';
  if (step.action === 'delete' && !live) return 'already';
  if (step.action === 'create' && live && !info.restore?.assignsId) return 'already';
  if (live && step.desired !== undefined && matchesDesired(contentKey, info, step, live.body, idMap)) return 'already';
  return 'stale';
}

function matchesDesired(contentKey: Buffer, info: IdpObjectTypeInfo, step: ApplyStep, live: unknown, idMap: IdMap) {
  // Only objects that keep their id can be compared whole; a re-created one differs in its id
  // (one restored from deleted items keeps it).
  if (step.action === 'create' && !step.detail.caveats.some((c) => c.kind === 'from_deleted')) return false;
  return (
    fingerprintOf(contentKey, info, step.type, live) ===
    fingerprintOf(contentKey, info, step.type, rewriteBody(info, step.desired, idMap))
  );
}

/**
 * A create whose object exists again under its natural key (someone re-created the group by hand
 * since the preview): writing would fail half-way or make a duplicate. Returns what to tell the
 * person, or undefined. System children (a catch-all rule) are found on purpose, never conflicts.
 */
export async function conflictOf(
  client: IdpClient,
  index: TypeIndex,
  step: ApplyStep,
  idMap: IdMap,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const info = index.get(step.type);
  if (
    step.action !== 'create' ||
    !info?.restore?.naturalKey ||
    !info.restore.assignsId ||
    !client.findObject ||
    step.desired === undefined
  )
    return undefined;
  if (step.detail.caveats.some((c) => c.kind === 'system')) return undefined;
  const ref = { type: step.type, id: liveIdOf(index, step.type, step.id, idMap) };
  // A parent this plan has not re-created yet has no children to collide with.
  const found = await client.findObject(ref, rewriteBody(info, step.desired, idMap), { signal }).catch(() => undefined);
  if (!found) return undefined;
  return `${step.type} ${step.detail.label} exists again (${found.id}, made since the preview): remove or rename it, or preview again to restore over it`;
}
