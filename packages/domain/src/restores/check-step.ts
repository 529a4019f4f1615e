import type { IdpClient, IdpObjectTypeInfo } from '../idp/types.ts';
import type { ApplyStep } from './load-apply-steps.ts';
import { fingerprintOf, type TypeIndex } from './objects.fns.ts';
import { type IdMap, liveIdOf, rewriteBody } from './rewrite.fns.ts';

export type StepCheck = 'ok' | 'already' | 'stale';

/**
 * Does the live object still look as the preview saw it? Compared by fingerprint (volatile fields
 * left out). A step whose effect is already there counts as done: a membership another step's rule
 * brought back, a deletion someone already made, an earlier attempt that wrote and then died.
 */
export async function checkStep(client: IdpClient, index: TypeIndex, contentKey: Buffer, step: ApplyStep, idMap: IdMap, signal?: AbortSignal): Promise<StepCheck> {
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
  // Only objects that keep their id can be compared whole; a re-created one differs in its id.
  if (step.action === 'create') return false;
  return fingerprintOf(contentKey, info, step.type, live) === fingerprintOf(contentKey, info, step.type, rewriteBody(info, step.desired, idMap));
}
