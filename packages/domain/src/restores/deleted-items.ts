import type { IdpClient } from '../idp/types.ts';
import { refKey, type TypeIndex } from '../snapshots/objects.fns.ts';
import type { Candidate } from './plan.fns.ts';

/**
 * Of the snapshot objects the org no longer has, those the provider still keeps deleted and can
 * restore with their id (Entra's `directory/deletedItems`, 30 days): refKey → when deleted. One
 * list per type that has such a bin and a missing object; a provider without `listDeleted` has none.
 */
export async function keptDeleted(
  client: IdpClient,
  index: TypeIndex,
  candidates: readonly Candidate[],
  signal?: AbortSignal,
): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  if (!client.listDeleted) return out;
  const missing = candidates.filter(
    (c) => c.desired !== undefined && c.live === undefined && index.get(c.type)?.restore?.fromDeletedItems,
  );
  for (const type of new Set(missing.map((c) => c.type))) {
    const deleted = new Map((await client.listDeleted(type, { signal })).map((d) => [d.id, d.deletedAt]));
    for (const c of missing) if (c.type === type && deleted.has(c.id)) out.set(refKey(c.type, c.id), deleted.get(c.id));
  }
  return out;
}
