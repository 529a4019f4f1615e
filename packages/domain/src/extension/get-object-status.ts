import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { roleHas } from '../permissions/permissions.fns.ts';
import { objectLabel } from '../snapshots/object-label.fns.ts';
import { parseInput } from '../validation.fns.ts';
import { dashboardLinks, type TExtensionObjectRef, ZExtensionObjectRef } from './extension.fns.ts';
import { findOrgConnection } from './find-org-connection.ts';
import { heldVersions, openVersion } from './held-versions.ts';
import { objectFindings } from './object-findings.ts';

/**
 * What the extension's panel shows for the object an admin is looking at: the connection backing
 * up its org, when it was last backed up (by a full or a single-object snapshot), how many versions
 * are kept, whether the latest full backup still holds it, the failing compliance rules that name it
 * and where the dashboard shows more. One decryption (the latest version, for its name).
 */
export async function getExtensionObjectStatus(deps: Deps, tenantId: string, raw: TExtensionObjectRef) {
  const input = parseInput(ZExtensionObjectRef, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  const conn = await findOrgConnection(deps.db, tenantId, input.orgUrl);
  const ref = { type: input.type, id: input.id };
  const { versions, latestFull } = await heldVersions(deps.db, tenantId, conn.id, ref);
  const latest = versions.at(-1);
  const previous = versions.at(-2);
  // Findings are compliance.read's: every role has it today, but the panel follows the matrix, not today.
  const { actor } = deps;
  const mayReadCompliance = actor.kind !== 'member' || roleHas(actor.role, 'compliance.read');
  const compliance = mayReadCompliance ? await objectFindings(deps.db, tenantId, conn.id, ref) : null;
  return {
    connection: { id: conn.id, name: conn.name, orgUrl: conn.org_url },
    type: ref.type,
    id: ref.id,
    label: latest ? objectLabel(await openVersion(deps, tenantId, latest.address), ref.id) : null,
    versionCount: versions.length,
    lastBackup: latest
      ? { snapshotId: latest.last.id, at: latest.last.at.toISOString(), kind: latest.last.kind }
      : null,
    latestFullBackup: latestFull ? { snapshotId: latestFull.id, at: latestFull.at.toISOString() } : null,
    /** False when the object is new since the latest full backup, or was deleted before it. */
    inLatestFullBackup:
      !!latestFull && versions.some((v) => v.first.seq <= latestFull.seq && v.last.seq >= latestFull.seq),
    compliance: compliance && { scan: compliance.scan, findings: compliance.findings },
    links: dashboardLinks(conn.id, ref, {
      latestSnapshotId: latest?.last.id,
      latestFullSnapshotId: latestFull?.id,
      diff: latest && previous ? { from: previous.last.id, to: latest.first.id } : undefined,
    }),
  };
}
