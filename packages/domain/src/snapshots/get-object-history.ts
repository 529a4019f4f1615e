import { z } from 'zod';
import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
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
  return {
    connectionId: input.connectionId,
    type: h.type,
    id: h.id,
    label: newest ? objectLabel(newest.body, h.id) : h.id,
    versions: h.versions
      .map((v) => ({ firstSnapshot: v.firstSnapshot, lastSnapshot: v.lastSnapshot, body: redactSecrets(v.body).body, changes: v.changes.map(redactChange) }))
      .reverse(),
  };
}
