import { randomInt } from 'node:crypto';
import type { RestorePlans, Selectable } from '@butterfly/db';
import { actorFields } from '../audit/append-audit-event.ts';
import type { Actor } from '../deps.ts';
import type { Caveat, PlanStatus, PlanSummary, PreviewProgress, TRestoreScope } from './types.ts';

export const restorePreviewJobKey = (planId: string) => `restore_preview:${planId}`;
export const restoreApplyJobKey = (planId: string) => `restore_apply:${planId}`;

/** Crockford's alphabet: no I, L, O or U, so a code read aloud or typed back is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** What a person types back to confirm a risky plan: short, random, per plan (e.g. `K7QX-2M9D`). */
export function newShortCode(): string {
  const c = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

export const sameCode = (a: string, b: string) =>
  a
    .trim()
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '') === b.toUpperCase().replace(/-/g, '');

/** Who asked for or approved a plan, as stored on it. */
export function actorColumns(actor: Actor) {
  const f = actorFields(actor);
  return { type: f.actorType, id: f.actorId, label: f.actorLabel };
}

/** Approval is four-eyes: the approver is not whoever asked for the preview. */
export function sameActor(
  a: { type: string; id: string | null; label: string },
  b: { type: string; id: string | null; label: string },
) {
  return a.type === b.type && (a.id ?? a.label) === (b.id ?? b.label);
}

/** Binds a sealed step detail to its plan and place, so details cannot be swapped between steps. */
export const stepBinding = (tenantId: string, planId: string, seq: number) =>
  Buffer.from(`${tenantId}|restore_step|${planId}|${seq}`);
export const secretsBinding = (tenantId: string, planId: string) =>
  Buffer.from(`${tenantId}|restore_secrets|${planId}`);

export function toPlanView(row: Selectable<RestorePlans>) {
  return {
    id: row.id,
    shortCode: row.short_code,
    connectionId: row.connection_id,
    snapshotId: row.snapshot_id,
    status: row.status as PlanStatus,
    scope: row.scope as TRestoreScope,
    requestedBy: row.requested_by_label,
    createdAt: row.created_at.toISOString(),
    computedAt: row.computed_at?.toISOString() ?? null,
    progress: row.progress as PreviewProgress | Record<string, never>,
    summary: row.summary as PlanSummary | Record<string, never>,
    caveats: row.caveats as Caveat[],
    error: row.error,
    needsApproval: row.needs_approval,
    approvedBy: row.approved_by_label,
    approvedAt: row.approved_at?.toISOString() ?? null,
    applyRequestedAt: row.apply_requested_at?.toISOString() ?? null,
    applyStartedAt: row.apply_started_at?.toISOString() ?? null,
    appliedAt: row.applied_at?.toISOString() ?? null,
    preApplySnapshotId: row.pre_apply_snapshot_id,
  };
}
export type RestorePlanView = ReturnType<typeof toPlanView>;
