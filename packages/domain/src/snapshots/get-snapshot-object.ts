import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { entriesAt } from './entries-at.ts';
import { getSnapshotRow } from './get-snapshot.ts';
import { openBody } from './object-codec.fns.ts';
import { objectLabel } from './object-label.fns.ts';
import { redactSecrets } from './redact.fns.ts';

export const ZGetSnapshotObjectInput = z.object({
  snapshotId: z.string().min(1).max(100),
  type: z.string().min(1).max(200),
  id: z.string().min(1).max(500),
});

/** One object as a snapshot holds it, for people: secrets masked, and where they were. */
export async function getSnapshotObject(deps: Deps, tenantId: string, raw: z.input<typeof ZGetSnapshotObjectInput>) {
  const input = parseInput(ZGetSnapshotObjectInput, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  const snap = await getSnapshotRow(deps.db, tenantId, input.snapshotId, { complete: true });
  const row = await entriesAt(deps.db, snap)
    .innerJoin('object_versions as v', (j) => j.onRef('v.tenant_id', '=', 'e.tenant_id').onRef('v.address', '=', 'e.address'))
    .select(['e.address', 'v.body'])
    .where('e.type', '=', input.type)
    .where('e.object_id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `No ${input.type} ${input.id} in this snapshot`);
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  const stored = JSON.parse(openBody(key, tenantId, row.address, row.body));
  const { body, secrets } = redactSecrets(stored);
  return { snapshotId: snap.id, connectionId: snap.connection_id, type: input.type, id: input.id, label: objectLabel(stored, input.id), body, secrets };
}
