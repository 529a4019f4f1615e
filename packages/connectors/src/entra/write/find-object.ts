import type { IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
import type { StatsRecorder } from '../../okta/http/stats.ts';
import { valueAt } from '../../okta/json-path.fns.ts';
import { entraTypeDef } from '../catalog.fns.ts';
import type { GraphHttp } from '../http/graph-http.ts';
import { listEntraObjects } from '../lister.ts';

/**
 * The live object a create of `body` would have made: same type, same parent, same natural key (a
 * policy's display name, an app's appId). A restore asks after a create was interrupted, to adopt
 * it instead of creating a second. Types without a natural key are never adopted.
 */
export async function findEntraObject(
  graph: GraphHttp,
  stats: StatsRecorder,
  ref: IdpObjectRef,
  body: unknown,
  signal?: AbortSignal,
): Promise<IdpObject | undefined> {
  const def = entraTypeDef(ref.type);
  const key = def.restore?.naturalKey;
  const value = key ? valueAt(body, key) : undefined;
  if (!key || typeof value !== 'string' || !value) return undefined;
  const parent = ref.id.includes('/') ? `${ref.id.slice(0, ref.id.lastIndexOf('/'))}/` : '';
  for await (const obj of listEntraObjects(graph, stats, { types: [def.type], signal }))
    if (obj.id.startsWith(parent) && valueAt(obj.body, key) === value) return obj;
  return undefined;
}
