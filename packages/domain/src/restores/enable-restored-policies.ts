import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { canonical } from '../bodies/content-address.fns.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { IdpClient, IdpObjectTypeInfo } from '../idp/types.ts';
import { authorize } from '../permissions/authorize.ts';
import { typeIndexOf, withoutVolatile } from '../snapshots/objects.fns.ts';
import { valueAt } from '../snapshots/paths.fns.ts';
import { snapshotBodies } from '../snapshots/snapshot-bodies.ts';
import { parseInput } from '../validation.fns.ts';
import { caLockoutReason, type EntraAdmins, GLOBAL_ADMIN_TEMPLATE } from './ca-lockout.fns.ts';
import { loadApplyState } from './load-apply-steps.ts';
import { getPlanRow } from './plan-rows.ts';
import { sameCode } from './restores.fns.ts';
import { liveIdOf, rewriteBody } from './rewrite.fns.ts';

export const ZEnableRestoredPoliciesInput = z.object({
  planId: z.string().trim().min(1).max(100),
  /** The plan's short code, typed back. */
  confirm: z.string().trim().min(1).max(20),
  acknowledgeLockoutRisk: z.boolean().default(false),
});

export interface EnabledPolicy {
  type: string;
  /** The snapshot's id and the live one (a re-created policy has a new id). */
  id: string;
  liveId: string;
  label: string;
  state: string;
  /** It already had the snapshot's state: nothing written. */
  already?: boolean;
}

/** Fields Graph sets on any write, and the state itself: the rest must still be what the restore wrote. */
const OWNED = ['id', 'createdDateTime', 'modifiedDateTime'];

/**
 * Decision 059: the second, confirmed step of a restore that wrote policies in report-only state
 * (Entra's Conditional Access): switches exactly those the plan created or updated to the state the
 * snapshot had. Everything is checked before anything is written — each policy must still be what
 * the restore wrote (same settings, still report-only), else nothing is switched; one that would
 * lock every admin out needs an explicit acknowledgement. Audited, as is a refusal.
 */
export async function enableRestoredPolicies(
  deps: Deps,
  tenantId: string,
  raw: z.input<typeof ZEnableRestoredPoliciesInput>,
  o: { client: IdpClient; signal?: AbortSignal },
): Promise<{ planId: string; policies: EnabledPolicy[] }> {
  const input = parseInput(ZEnableRestoredPoliciesInput, raw);
  await authorize(deps, tenantId, 'restore.apply');
  const plan = await getPlanRow(deps.db, tenantId, input.planId);
  const refuse = async (code: 'CONFLICT' | 'VALIDATION', message: string, reason: string) => {
    await inTransaction(deps.db, (trx) =>
      appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'restore.policies_enable_refused',
          outcome: 'denied',
          target: { type: 'restore_plan', id: plan.id },
          data: { reason },
        },
      ),
    );
    return new DomainError(code, message);
  };
  if (!sameCode(input.confirm, plan.short_code))
    throw await refuse('VALIDATION', 'The confirmation does not match the plan code', 'wrong code');
  if (plan.status !== 'applied' && plan.status !== 'apply_failed')
    throw new DomainError('CONFLICT', `The plan is ${plan.status}: apply it first, then enable its policies`);
  const index = typeIndexOf(o.client);
  const state = await loadApplyState(deps, tenantId, plan);
  const targets = state.steps.filter(
    (s) =>
      s.status === 'done' &&
      (s.action === 'create' || s.action === 'update' || s.action === 'reactivate') &&
      index.get(s.type)?.restore?.reportOnly &&
      s.desired !== undefined,
  );
  if (!targets.length)
    throw new DomainError('NOT_FOUND', 'This plan restored no policy in report-only state: nothing to enable');

  const checked: (EnabledPolicy & { desired: unknown })[] = [];
  const changed: string[] = [];
  for (const s of targets) {
    const info = index.get(s.type)!;
    const first = info.restore!.reportOnly!;
    const liveId = liveIdOf(index, s.type, s.id, state.idMap);
    const desired = rewriteBody(info, s.desired, state.idMap);
    const want = valueAt(desired, first.path);
    const base = { type: s.type, id: s.id, liveId, label: s.detail.label, state: String(want) };
    if (typeof want !== 'string') {
      changed.push(`${s.detail.label}: the snapshot has no ${first.path}`);
      continue;
    }
    const live = await o.client.readObject({ type: s.type, id: liveId }, { signal: o.signal });
    const now = valueAt(live?.body, first.path);
    if (!live) changed.push(`${s.detail.label}: no longer in the org`);
    else if (now === want) checked.push({ ...base, already: true, desired });
    else if (now !== first.value) changed.push(`${s.detail.label}: its ${first.path} is ${String(now)} now`);
    else if (!asWritten(info, desired, live.body, first.path))
      changed.push(`${s.detail.label}: its settings changed since the restore`);
    else checked.push({ ...base, desired });
  }
  if (changed.length)
    throw await refuse(
      'CONFLICT',
      `Changed since the restore, so nothing was switched on: ${changed.join('; ')}. Preview and apply again`,
      'changed since',
    );

  const admins = await globalAdmins(deps, tenantId, plan.snapshot_id);
  const risky = checked.flatMap((p) => {
    const reason = p.already || p.state !== 'enabled' ? undefined : caLockoutReason(p.desired, admins);
    return reason ? [`${p.label} (${reason})`] : [];
  });
  if (risky.length && !input.acknowledgeLockoutRisk)
    throw await refuse(
      'VALIDATION',
      `Lockout risk: ${risky.join('; ')}; admins: ${[...admins.users.values()].join(', ') || 'none found in the snapshot'}. Exclude a break-glass account, or acknowledge the risk`,
      'lockout risk',
    );

  for (const p of checked.filter((x) => !x.already))
    await o.client.writeObject(
      { type: p.type, id: p.liveId },
      { kind: 'activate', body: { [index.get(p.type)!.restore!.reportOnly!.path]: p.state } },
      { signal: o.signal },
    );
  const policies = checked.map(({ desired: _, ...p }) => p);
  await inTransaction(deps.db, (trx) =>
    appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.policies_enabled',
        target: { type: 'restore_plan', id: plan.id },
        data: {
          policies: policies.map((p) => ({
            type: p.type,
            id: p.liveId,
            state: p.state,
            ...(p.already ? { already: true } : {}),
          })),
          ...(risky.length ? { lockoutAcknowledged: risky } : {}),
        },
      },
    ),
  );
  return { planId: plan.id, policies };
}

/** Every field the snapshot's policy has (Graph's own and the state aside) is still what the restore wrote. */
function asWritten(info: IdpObjectTypeInfo, desired: unknown, live: unknown, statePath: string): boolean {
  const want = withoutVolatile(info, desired) as Record<string, unknown>;
  const have = withoutVolatile(info, live) as Record<string, unknown>;
  return Object.keys(want)
    .filter((k) => !OWNED.includes(k) && k !== statePath)
    .every((k) => canonical(want[k] ?? null) === canonical(have[k] ?? null));
}

/** The Global Administrators of the plan's snapshot, by object id, with their names. */
async function globalAdmins(deps: Deps, tenantId: string, snapshotId: string): Promise<EntraAdmins> {
  const snap = await deps.db
    .selectFrom('snapshots')
    .select(['tenant_id', 'connection_id', 'seq'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', snapshotId)
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for await (const r of snapshotBodies(deps, snap, 'roleAssignment')) {
    const b = r.body as { roleDefinitionId?: unknown; principalId?: unknown };
    if (b.roleDefinitionId === GLOBAL_ADMIN_TEMPLATE && typeof b.principalId === 'string') ids.push(b.principalId);
  }
  const users = new Map(ids.map((id) => [id, id]));
  if (ids.length)
    for await (const u of snapshotBodies(deps, snap, 'user', ids)) {
      const b = u.body as { displayName?: string; userPrincipalName?: string };
      users.set(
        u.id,
        b.displayName
          ? `${b.displayName}${b.userPrincipalName ? ` (${b.userPrincipalName})` : ''}`
          : (b.userPrincipalName ?? u.id),
      );
    }
  return { users };
}
