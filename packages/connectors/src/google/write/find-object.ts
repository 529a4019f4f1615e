import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import { googleTypeDef } from '../catalog.fns.ts';
import { type GoogleListContext, listGoogleObjects } from '../lister.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A policy's key: Google keeps one admin-set policy per setting type and target (a second create is 409). */
const policyKey = (b: unknown) => {
  if (!isObj(b) || !isObj(b.setting) || !isObj(b.policyQuery)) return undefined;
  const target = b.policyQuery.orgUnit ?? b.policyQuery.group;
  return typeof b.setting.type === 'string' && typeof target === 'string' ? `${b.setting.type} ${target}` : undefined;
};

/**
 * The live object a create of `body` would have made: same type, same natural key (an org unit's
 * path, a group's email, a role's name; a policy's setting type and target). A restore asks after
 * a create was interrupted, or answered late (a policy's long-running operation), to adopt it
 * instead of creating a second one (Google would answer 409). Role assignments are never adopted.
 */
export async function findGoogleObject(
  ctx: GoogleListContext,
  ref: IdpObjectRef,
  body: unknown,
  signal?: AbortSignal,
): Promise<IdpObject | undefined> {
  const def = googleTypeDef(ref.type);
  if (def.type === 'policy') {
    const want = policyKey(body);
    if (!want) return undefined;
    for await (const obj of listGoogleObjects(ctx, { types: [def.type], signal }))
      if ((obj.body as Obj).type !== 'SYSTEM' && policyKey(obj.body) === want) return obj;
    return undefined;
  }
  const key = def.restore?.naturalKey;
  const value = key ? (body as Record<string, unknown> | undefined)?.[key] : undefined;
  if (!key || typeof value !== 'string' || !value) return undefined;
  const same = (v: unknown) => typeof v === 'string' && v.toLowerCase() === value.toLowerCase();
  for await (const obj of listGoogleObjects(ctx, { types: [def.type], signal }))
    if (same((obj.body as Record<string, unknown>)[key])) return obj;
  return undefined;
}
