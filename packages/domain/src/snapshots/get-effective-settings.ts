import { z } from 'zod';
import {
  type EffectiveSetting,
  type EntitySettings,
  effectiveSettings,
} from '../compliance/google/effective-settings.fns.ts';
import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { getSnapshotRow } from './get-snapshot.ts';
import { readSnapshot } from './read-snapshot.ts';

export const ZGetEffectiveSettingsInput = z
  .object({
    snapshotId: z.string().min(1).max(100),
    /** One org unit by path (`/Engineering`). */
    orgUnit: z.string().min(1).max(1000).startsWith('/').optional(),
    /** One group by its id or email. */
    group: z.string().min(1).max(500).optional(),
  })
  .refine((v) => !(v.orgUnit && v.group), { message: 'give an org unit or a group, not both' });

/** One setting as it applies (see `EffectiveSetting`). */
export type EffectiveSettingView = EffectiveSetting;
/** An org unit or group with its effective settings as a list, sorted by type. */
export interface EffectiveEntityView extends Omit<EntitySettings, 'settings'> {
  settings: EffectiveSettingView[];
}

const view = (e: EntitySettings): EffectiveEntityView => ({
  kind: e.kind,
  id: e.id,
  name: e.name,
  settings: Object.values(e.settings),
});

/**
 * A Google Workspace snapshot's effective settings per org unit and group (decision 065), as the
 * SCuBA GWS rules judge them: read from the stored policies, org units and groups only. Narrowed to
 * one org unit or group when asked (NOT_FOUND when the snapshot has none such); VALIDATION for a
 * snapshot of another provider (Okta and Entra have no Cloud Identity policies).
 */
export async function getEffectiveSettings(
  deps: Deps,
  tenantId: string,
  raw: z.input<typeof ZGetEffectiveSettingsInput>,
): Promise<{ snapshotId: string; orgUnits: EffectiveEntityView[]; groups: EffectiveEntityView[] }> {
  const input = parseInput(ZGetEffectiveSettingsInput, raw);
  await authorize(deps, tenantId, 'snapshot.read');
  const snap = await getSnapshotRow(deps.db, tenantId, input.snapshotId, { complete: true });
  const connection = await findConnectionRow(deps.db, tenantId, snap.connection_id);
  if (connection.provider !== 'google')
    throw new DomainError('VALIDATION', 'Effective settings exist for Google Workspace snapshots only');
  const byType: Record<string, { id: string; body: unknown }[]> = { policy: [], orgUnit: [], group: [] };
  for await (const o of readSnapshot(deps, tenantId, snap.id, { types: Object.keys(byType) }))
    byType[o.type]!.push({ id: o.id, body: o.body });
  const all = effectiveSettings(byType.policy!, byType.orgUnit!, byType.group!);
  let orgUnits = all.orgUnits;
  let groups = all.groups;
  if (input.orgUnit) {
    orgUnits = orgUnits.filter((o) => o.name === input.orgUnit);
    groups = [];
    if (!orgUnits.length) throw new DomainError('NOT_FOUND', `No org unit ${input.orgUnit} in this snapshot`);
  }
  if (input.group) {
    const g = byType.group!.find(
      (x) => x.id === input.group || (x.body as { email?: string }).email?.toLowerCase() === input.group!.toLowerCase(),
    );
    if (!g) throw new DomainError('NOT_FOUND', `No group ${input.group} in this snapshot`);
    orgUnits = [];
    // A group without policies of its own has no settings of its own: its members follow their org units.
    groups = groups.filter((x) => x.id === g.id);
    if (!groups.length)
      groups = [{ kind: 'group', id: g.id, name: (g.body as { email?: string }).email ?? g.id, settings: {} }];
  }
  return { snapshotId: snap.id, orgUnits: orgUnits.map(view), groups: groups.map(view) };
}
