import { loadConnectionConfig } from '../connections/load-connection-config.ts';
import type { Deps } from '../deps.ts';
import { diffJson } from '../changes/json-diff.fns.ts';
import type { IdpClientFactory } from '../idp/types.ts';
import { authorize } from '../permissions/authorize.ts';
import { ALWAYS_VOLATILE } from '../snapshots/objects.fns.ts';
import { contentAddress, stripLinks } from '../bodies/object-codec.fns.ts';
import { parseInput } from '../validation.fns.ts';
import { isVolatilePath, maskLikeStored, type TCompareObjectInput, ZCompareObjectInput } from './extension.fns.ts';
import { findOrgConnection } from './find-org-connection.ts';
import { heldVersions, openVersion } from './held-versions.ts';

/** Enough paths for a panel; the dashboard's history has them all. */
const MAX_PATHS = 50;

/**
 * "Changed since last backup": the object as the admin console read it a moment ago, canonicalised
 * the way a backup stores it (no `_links`, write-only secrets masked like the stored version) and
 * content-addressed under the tenant's key, against the latest version a complete snapshot holds.
 * Equal addresses mean a backup now would store nothing new. Only paths leave here, never values:
 * the console already shows the admin today's, and the history shows stored ones to whom may see
 * them. Nothing posted is stored.
 */
export async function compareExtensionObject(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  raw: TCompareObjectInput,
) {
  const input = parseInput(ZCompareObjectInput, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  const conn = await findOrgConnection(deps.db, tenantId, input.orgUrl);
  const { versions } = await heldVersions(deps.db, tenantId, conn.id, input);
  const latest = versions.at(-1);
  if (!latest) return { stored: false as const, changed: null, lastBackupAt: null, changes: [], more: 0 };
  const stored = await openVersion(deps, tenantId, latest.address);
  const live = maskLikeStored(stripLinks(input.body), stored);
  const same = contentAddress(deps.keyring.contentKey(tenantId), input.type, live).equals(latest.address);
  const volatile = same ? [] : await volatileFields(deps, tenantId, conn.id, input.type);
  const changes = same
    ? []
    : diffJson(stored, live).map((c) => ({ path: c.path, kind: c.kind, volatile: isVolatilePath(c.path, volatile) }));
  return {
    stored: true as const,
    changed: !same,
    /** Every change is a timestamp or a sign-in: a backup would keep a version, but nobody configured anything. */
    onlyVolatile: !same && changes.every((c) => c.volatile),
    lastBackupAt: latest.last.at.toISOString(),
    changes: changes.slice(0, MAX_PATHS),
    more: Math.max(0, changes.length - MAX_PATHS),
  };
}

/** The type's fields that change without anyone configuring anything, from the connector when wired. */
async function volatileFields(
  deps: Deps & { idpClientFor?: IdpClientFactory },
  tenantId: string,
  connectionId: string,
  type: string,
) {
  if (!deps.idpClientFor) return ALWAYS_VOLATILE;
  // Building a client reads no network: the connector's type table is static, only its config is per connection.
  const info = deps
    .idpClientFor(await loadConnectionConfig(deps, tenantId, connectionId))
    .objectTypes()
    .find((t) => t.type === type);
  return [...ALWAYS_VOLATILE, ...(info?.volatile ?? [])];
}
