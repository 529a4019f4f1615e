import type { Selectable, Snapshots } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import {
  ACCESS_POLICY,
  ADMIN_CONSOLE_APP,
  GUARDED_TYPES,
  guardedReason,
  type LockoutFacts,
  ZONE_TYPE,
  zonesNamedBy,
} from './lockout.fns.ts';
import { snapshotBodies } from '../snapshots/snapshot-bodies.ts';
import type { PlannedStep } from './types.ts';

type Snap = Pick<Selectable<Snapshots>, 'tenant_id' | 'connection_id' | 'seq'>;
type StepLike = Pick<PlannedStep, 'type' | 'id' | 'action' | 'desired' | 'live'>;

const mayGuard = (type: string) => !!GUARDED_TYPES[type] || type.startsWith(ACCESS_POLICY) || type === ZONE_TYPE;
const parentId = (id: string) => id.slice(0, Math.max(0, id.lastIndexOf('/')));
const ownId = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/**
 * What the lockout guard needs to know, read from the snapshot (and the plan's own steps, which may
 * name what the snapshot does not): the Admin Console app and its sign-in policies, the zones the
 * guarded policies and rules name, and the users holding admin roles. Nothing is read unless a step
 * could be a lockout risk.
 */
export async function lockoutFacts(
  deps: Pick<Deps, 'db' | 'keyring'>,
  snap: Snap,
  steps: readonly StepLike[],
): Promise<LockoutFacts | undefined> {
  const active = steps.filter((s) => s.action !== 'skip');
  if (!active.some((s) => mayGuard(s.type))) return undefined;
  const bodiesOf = (s: StepLike) => [s.desired, s.live].filter((b) => b !== undefined);
  const adminApps = new Set<string>();
  for await (const r of snapshotBodies(deps, snap, 'app'))
    if ((r.body as { name?: unknown }).name === ADMIN_CONSOLE_APP) adminApps.add(r.id);
  for (const s of active)
    if (s.type === 'app' && bodiesOf(s).some((b) => (b as { name?: unknown }).name === ADMIN_CONSOLE_APP))
      adminApps.add(s.id);
  const adminPolicies = new Set<string>();
  const mappingType = `${ACCESS_POLICY}.mapping`;
  for await (const r of snapshotBodies(deps, snap, mappingType))
    if (adminApps.has(ownId(r.id))) adminPolicies.add(parentId(r.id));
  for (const s of active) if (s.type === mappingType && adminApps.has(ownId(s.id))) adminPolicies.add(parentId(s.id));
  const zones = new Map<string, string>();
  const note = (type: string, id: string, body: unknown) => {
    const reason = guardedReason(type, id, body, adminPolicies);
    if (reason) for (const z of zonesNamedBy(body)) if (!zones.has(z)) zones.set(z, reason);
  };
  for (const type of [...Object.keys(GUARDED_TYPES), ACCESS_POLICY, `${ACCESS_POLICY}.rule`]) {
    for await (const r of snapshotBodies(deps, snap, type)) note(type, r.id, r.body);
  }
  for (const s of active) for (const b of bodiesOf(s)) note(s.type, s.id, b);
  return { adminApps, adminPolicies, zones, admins: await adminNames(deps, snap) };
}

/** Users holding an admin role in the snapshot, by name (login in brackets), sorted. */
async function adminNames(deps: Pick<Deps, 'db' | 'keyring'>, snap: Snap): Promise<string[]> {
  const ids: string[] = [];
  for await (const r of snapshotBodies(deps, snap, 'admin_assignee')) ids.push(r.id);
  const names = new Map<string, string>(ids.map((id) => [id, id]));
  if (ids.length) {
    for await (const u of snapshotBodies(deps, snap, 'user', ids)) {
      const p = (u.body as { profile?: { firstName?: string; lastName?: string; login?: string } }).profile ?? {};
      const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
      names.set(u.id, name ? `${name}${p.login ? ` (${p.login})` : ''}` : (p.login ?? u.id));
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}
