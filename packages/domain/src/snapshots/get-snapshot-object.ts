import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { loadConnectionConfig } from '../connections/load-connection-config.ts';
import type { IdpClientFactory } from '../idp/types.ts';
import { entriesAt } from './entries-at.ts';
import { keyFieldsOf } from './key-fields.fns.ts';
import { objectReferences } from './object-references.ts';
import { getSnapshotRow } from './get-snapshot.ts';
import { openOneBody } from '../bodies/open-bodies.ts';
import { objectLabel } from './object-label.fns.ts';
import { redactSecrets } from './redact.fns.ts';

export const ZGetSnapshotObjectInput = z.object({
  snapshotId: z.string().min(1).max(100),
  type: z.string().min(1).max(200),
  id: z.string().min(1).max(500),
});

/**
 * One object as a snapshot holds it, for people: secrets masked, and where they were; its key
 * fields and the objects it references, named from the same snapshot (references need the
 * connector's type table, so only when `idpClientFor` is wired).
 */
export async function getSnapshotObject(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  raw: z.input<typeof ZGetSnapshotObjectInput>,
) {
  const input = parseInput(ZGetSnapshotObjectInput, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  const snap = await getSnapshotRow(deps.db, tenantId, input.snapshotId, { complete: true });
  const row = await entriesAt(deps.db, snap)
    .select(['e.address'])
    .where('e.type', '=', input.type)
    .where('e.object_id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `No ${input.type} ${input.id} in this snapshot`);
  const stored = await openOneBody(deps, tenantId, row.address);
  const { body, secrets } = redactSecrets(stored);
  const info = await typeInfo(deps, tenantId, snap.connection_id, input.type);
  // From the masked body, like the key fields: nothing shown here is read from a secret.
  const references = info ? await objectReferences(deps, snap, info, body) : null;
  return {
    snapshotId: snap.id,
    connectionId: snap.connection_id,
    type: input.type,
    id: input.id,
    label: objectLabel(stored, input.id),
    body,
    secrets,
    fields: keyFieldsOf(input.type, body),
    references,
  };
}

/**
 * The connector's description of the type (its reference paths). Building a client reads no
 * network: the type table is static, only the config is per connection. A connection whose
 * credential cannot be opened still shows its objects, without references (null).
 */
async function typeInfo(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  connectionId: string,
  type: string,
) {
  if (!deps.idpClientFor) return undefined;
  try {
    return deps
      .idpClientFor(await loadConnectionConfig(deps, tenantId, connectionId))
      .objectTypes()
      .find((t) => t.type === type);
  } catch (e) {
    deps.log.warn({ err: e, connectionId }, 'object references unavailable: the connection could not be opened');
    return undefined;
  }
}
