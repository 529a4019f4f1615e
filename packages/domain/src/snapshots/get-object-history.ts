import { z } from 'zod';
import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { loadConnectionIdMap } from './connection-id-map.ts';
import { fromKey, refKey } from './objects.fns.ts';
import { objectHistory } from './object-history.ts';
import { objectLabel } from './object-label.fns.ts';
import { redactChange, redactSecrets } from './redact.fns.ts';

export const ZObjectHistoryInput = z.object({
  connectionId: z.string().min(1).max(100),
  type: z.string().min(1).max(200),
  id: z.string().min(1).max(500),
});

/** Every version of one object, newest first, as people see it: secrets masked in bodies and changes. */
export async function getObjectHistory(deps: Deps, tenantId: string, raw: z.input<typeof ZObjectHistoryInput>) {
  const input = parseInput(ZObjectHistoryInput, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  // Another tenant's connection is not found (rather than an empty history): no hint it exists.
  await findConnectionRow(deps.db, tenantId, input.connectionId);
  const h = await objectHistory(deps, tenantId, input);
  const newest = h.versions.at(-1);
  const ids = await recreations(deps, tenantId, input);
  return {
    connectionId: input.connectionId,
    type: h.type,
    id: h.id,
    label: newest ? objectLabel(newest.body, h.id) : h.id,
    ...ids,
    versions: h.versions
      .map((v) => ({ ...v, body: redactSecrets(v.body).body, changes: v.changes.map(redactChange) }))
      .reverse(),
  };
}

/**
 * What restores of this connection know about the object's ids (connection-id-map.ts): the id a
 * restore re-created it under (or found it under by name), and the ids it was re-created from.
 */
async function recreations(deps: Deps, tenantId: string, o: { connectionId: string; type: string; id: string }) {
  const map = await loadConnectionIdMap(deps.db, tenantId, o.connectionId);
  const recreatedAs = map.get(refKey(o.type, o.id)) ?? null;
  const recreatedFrom = [...map]
    .filter(([k, to]) => to === o.id && fromKey(k).type === o.type && fromKey(k).id !== o.id)
    .map(([k]) => fromKey(k).id);
  return { recreatedAs: recreatedAs === o.id ? null : recreatedAs, recreatedFrom };
}
