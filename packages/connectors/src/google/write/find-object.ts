import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import { googleTypeDef } from '../catalog.fns.ts';
import { type GoogleListContext, listGoogleObjects } from '../lister.ts';

/**
 * The live object a create of `body` would have made: same type, same natural key (an org unit's
 * path, a group's email, a role's name). A restore asks after a create was interrupted, to adopt
 * it instead of creating a second one (Google would answer 409 anyway). Types without a natural
 * key (role assignments, policies) are never adopted.
 */
export async function findGoogleObject(
  ctx: GoogleListContext,
  ref: IdpObjectRef,
  body: unknown,
  signal?: AbortSignal,
): Promise<IdpObject | undefined> {
  const def = googleTypeDef(ref.type);
  const key = def.restore?.naturalKey;
  const value = key ? (body as Record<string, unknown> | undefined)?.[key] : undefined;
  if (!key || typeof value !== 'string' || !value) return undefined;
  const same = (v: unknown) => typeof v === 'string' && v.toLowerCase() === value.toLowerCase();
  for await (const obj of listGoogleObjects(ctx, { types: [def.type], signal }))
    if (same((obj.body as Record<string, unknown>)[key])) return obj;
  return undefined;
}
