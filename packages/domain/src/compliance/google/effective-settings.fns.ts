import { at, compareStrings, num, str } from '../compliance.fns.ts';

/**
 * Effective Google Workspace settings (shared spec google.md §C, decision 065). The Cloud Identity
 * Policy API returns the policies an admin (or Google, `SYSTEM`) set, not what applies where. As
 * ScubaGoggles reduces them: per org unit and setting type the applicable policy with the highest
 * `policyQuery.sortOrder` wins (on a tie an ADMIN policy beats a SYSTEM one, then the policy id
 * decides, so the answer never depends on storage order); an org unit without its own policy of a
 * type inherits its parent's effective one. A group's policies apply to its members over their org
 * unit's, so a group's effective settings are its own policies only, reduced the same way.
 * List-valued types (`rule.*`, system-defined alerts) are not reduced: each alert is its own policy,
 * and an org unit sees its own plus its ancestors' (nearest first, one per `displayName`).
 */
export interface PolicyLike {
  id: string;
  body: unknown;
}

export interface EffectiveSetting {
  /** The setting type without `settings/`: `security.password`. */
  type: string;
  /** `setting.value`; for a list-valued type the array of the applicable policies' values. */
  value: unknown;
  /** The deciding policy (for a list-valued type every applicable one). */
  policyIds: string[];
  sortOrder: number | null;
  /** Where the deciding policy is set: an org unit path, or a group's email. */
  from: string;
  /** True when an org unit takes it from an ancestor. */
  inherited: boolean;
}

export interface EntitySettings {
  kind: 'orgUnit' | 'group';
  /** The snapshot object id: an org unit's id without `id:`, a group's id. */
  id: string;
  /** An org unit's path, a group's email. */
  name: string;
  /** By setting type, sorted. */
  settings: Record<string, EffectiveSetting>;
}

export interface EffectiveSettings {
  orgUnits: EntitySettings[];
  groups: EntitySettings[];
}

export const settingType = (p: PolicyLike) => str(at(p.body, 'setting.type'))?.replace(/^settings\//, '');
export const isListType = (type: string) => type.startsWith('rule.');
const sortOrderOf = (p: PolicyLike) => num(Number(at(p.body, 'policyQuery.sortOrder'))) ?? null;

/** The winner first: higher sortOrder, ADMIN over SYSTEM, then id. */
function precedence(a: PolicyLike, b: PolicyLike): number {
  const so = (sortOrderOf(b) ?? 0) - (sortOrderOf(a) ?? 0);
  if (so) return so;
  const admin = Number(at(b.body, 'type') !== 'SYSTEM') - Number(at(a.body, 'type') !== 'SYSTEM');
  return admin || compareStrings(a.id, b.id);
}

/** An org unit path's parent (`/A/B` → `/A`, `/A` → `/`); undefined for the root. */
export function parentPath(path: string): string | undefined {
  if (path === '/') return undefined;
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

const bareId = (v: unknown, prefix: RegExp) => str(v)?.replace(prefix, '').replace(/^id:/, '');

function reduce(own: PolicyLike[], from: string): Record<string, EffectiveSetting> {
  const byType = new Map<string, PolicyLike[]>();
  for (const p of own) {
    const t = settingType(p);
    if (t) byType.set(t, [...(byType.get(t) ?? []), p]);
  }
  const out: Record<string, EffectiveSetting> = {};
  for (const [type, ps] of byType) {
    const sorted = [...ps].sort(precedence);
    const list = isListType(type);
    const chosen = list ? sorted : sorted.slice(0, 1);
    out[type] = {
      type,
      value: list ? chosen.map((p) => at(p.body, 'setting.value')) : at(chosen[0]!.body, 'setting.value'),
      policyIds: chosen.map((p) => p.id),
      sortOrder: sortOrderOf(chosen[0]!),
      from,
      inherited: false,
    };
  }
  return out;
}

const alertName = (v: unknown) => str(at(v, 'displayName')) ?? JSON.stringify(v);

/** A list-valued setting: own entries first, then the parent's whose displayName the child does not set. */
function mergeList(own: EffectiveSetting, parent: EffectiveSetting): EffectiveSetting {
  const ownValues = own.value as unknown[];
  const names = new Set(ownValues.map(alertName));
  const parentValues = parent.value as unknown[];
  const keep = parentValues.map((v, i) => [v, parent.policyIds[i]!] as const).filter(([v]) => !names.has(alertName(v)));
  return {
    ...own,
    value: [...ownValues, ...keep.map(([v]) => v)],
    policyIds: [...own.policyIds, ...keep.map(([, id]) => id)],
  };
}

const sortedRecord = (r: Record<string, EffectiveSetting>) =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => compareStrings(a, b)));

/**
 * Every org unit's and group's effective settings. `orgUnits` and `groups` are the snapshot's
 * `orgUnit` and `group` objects (an org unit named by a policy but absent is left out); org units are
 * walked by path, so a parent is settled before its children.
 */
export function effectiveSettings(
  policies: readonly PolicyLike[],
  orgUnits: readonly PolicyLike[],
  groups: readonly PolicyLike[],
): EffectiveSettings {
  const units = orgUnits
    .map((o) => ({ id: o.id.replace(/^id:/, ''), path: str(at(o.body, 'orgUnitPath')) ?? '' }))
    .filter((o) => o.path.startsWith('/'));
  if (!units.some((u) => u.path === '/')) units.push({ id: '', path: '/' });
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const ownOu = new Map<string, PolicyLike[]>();
  const ownGroup = new Map<string, PolicyLike[]>();
  for (const p of policies) {
    const group = bareId(at(p.body, 'policyQuery.group'), /^groups\//);
    const ou = bareId(at(p.body, 'policyQuery.orgUnit'), /^orgUnits\//);
    if (group) ownGroup.set(group, [...(ownGroup.get(group) ?? []), p]);
    else if (ou !== undefined && pathOf.has(ou)) {
      const path = pathOf.get(ou)!;
      ownOu.set(path, [...(ownOu.get(path) ?? []), p]);
    }
  }
  const byPath = new Map<string, Record<string, EffectiveSetting>>();
  const depth = (p: string) => (p === '/' ? 0 : p.split('/').length - 1);
  const ordered = [...units].sort((a, b) => depth(a.path) - depth(b.path) || compareStrings(a.path, b.path));
  for (const u of ordered) {
    const own = reduce(ownOu.get(u.path) ?? [], u.path);
    let parent: string | undefined = parentPath(u.path);
    while (parent !== undefined && !byPath.has(parent)) parent = parentPath(parent);
    const inherited = parent === undefined ? {} : byPath.get(parent)!;
    const merged: Record<string, EffectiveSetting> = {};
    for (const [type, s] of Object.entries(inherited)) merged[type] = { ...s, inherited: true };
    for (const [type, s] of Object.entries(own))
      merged[type] = isListType(type) && inherited[type] ? mergeList(s, inherited[type]) : s;
    byPath.set(u.path, merged);
  }
  const groupName = new Map(groups.map((g) => [g.id, str(at(g.body, 'email')) ?? g.id]));
  return {
    orgUnits: [...units]
      .sort((a, b) => compareStrings(a.path, b.path))
      .map((u) => ({ kind: 'orgUnit', id: u.id, name: u.path, settings: sortedRecord(byPath.get(u.path)!) })),
    groups: [...ownGroup.keys()]
      .map((id) => ({ id, name: groupName.get(id) ?? `groups/${id}` }))
      .sort((a, b) => compareStrings(a.name, b.name))
      .map((g) => ({
        kind: 'group',
        id: g.id,
        name: g.name,
        settings: sortedRecord(reduce(ownGroup.get(g.id)!, g.name)),
      })),
  };
}
