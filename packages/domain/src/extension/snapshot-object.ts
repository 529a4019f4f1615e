import { loadConnectionConfig } from '../connections/load-connection-config.ts';
import type { Deps } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import type { IdpClientFactory, IdpObject } from '../idp/types.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { type TExtensionObjectRef, ZExtensionObjectRef } from './extension.fns.ts';
import { findOrgConnection } from './find-org-connection.ts';
import { writeObjectSnapshot } from './write-object-snapshot.ts';

/**
 * "Snapshot this object now" from the extension. Butterfly reads the object itself, through the
 * connection's own credential and connector (redaction included), never from what the browser
 * posts: a backup must hold what Okta holds, not what a page (or a member) says it holds.
 */
export async function snapshotExtensionObject(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  raw: TExtensionObjectRef,
) {
  const input = parseInput(ZExtensionObjectRef, raw);
  await authorize(deps, tenantId, 'backup.run');
  if (!deps.idpClientFor) throw new DomainError('INTERNAL', 'No IdP connector configured');
  const conn = await findOrgConnection(deps.db, tenantId, input.orgUrl);
  const client = deps.idpClientFor(await loadConnectionConfig(deps, tenantId, conn.id));
  const info = client.objectTypes().find((t) => t.type === input.type);
  // The fake IdP of tests lists no types; a real connector names every type it can read one by one.
  if (client.objectTypes().length && !info?.readOne)
    throw new DomainError('VALIDATION', `${input.type} objects cannot be backed up one at a time`);
  let object: IdpObject | undefined;
  try {
    object = await client.readObject({ type: input.type, id: input.id });
  } catch (e) {
    if (isDomainError(e)) throw e;
    deps.log.warn({ err: e, type: input.type, connectionId: conn.id }, 'single-object read failed');
    throw new DomainError(
      'CONFLICT',
      `Okta did not answer the read of this object: ${(e as Error).message}`.slice(0, 300),
    );
  }
  if (!object) throw new DomainError('NOT_FOUND', `Okta has no ${input.type} ${input.id}`);
  const s = await writeObjectSnapshot(deps, { tenantId, connectionId: conn.id, object, trigger: 'extension' });
  return {
    snapshotId: s.snapshotId,
    at: s.at.toISOString(),
    changed: s.changed,
    added: s.added,
    connectionId: conn.id,
  };
}
