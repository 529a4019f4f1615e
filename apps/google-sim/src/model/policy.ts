import type { TCustomer, TObj } from './types.ts';

/**
 * Where a policy applies: an org unit (by its id, with or without `id:`) or a group, and its
 * `sortOrder` (the highest wins for an entity, then inheritance from parent OUs: how ScubaGoggles
 * reduces them).
 */
export type TTarget = { orgUnitId: string; sortOrder?: number } | { groupId: string; sortOrder: number };

/** A Cloud Identity policy resource; `SYSTEM` policies are Google's defaults, `ADMIN` ones an admin set. */
export function policyResource(
  c: TCustomer,
  name: string,
  type: string,
  value: TObj,
  target: TTarget,
  kind: 'ADMIN' | 'SYSTEM',
): TObj {
  const ou = 'orgUnitId' in target ? target.orgUnitId.replace(/^id:/, '') : undefined;
  const policyQuery =
    'groupId' in target
      ? {
          group: `groups/${target.groupId}`,
          query: `entity.groups.exists(group, group.group_id == groupId('${target.groupId}'))`,
          sortOrder: target.sortOrder,
        }
      : {
          orgUnit: `orgUnits/${ou}`,
          query: `entity.org_units.exists(org_unit, org_unit.org_unit_id == orgUnitId('${ou}'))`,
          sortOrder: target.sortOrder ?? 1,
        };
  return { name, customer: `customers/${c.id}`, policyQuery, setting: { type, value }, type: kind };
}
