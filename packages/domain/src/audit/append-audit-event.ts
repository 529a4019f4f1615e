import type { DB, Transaction } from '@butterfly/db';
import type { Actor, Deps } from '../deps.ts';
import { type ChainedFields, entryHash } from './audit.fns.ts';

export interface TAuditEventInput {
  tenantId: string;
  action: string;
  outcome?: 'success' | 'denied' | 'failure';
  target?: { type: string; id: string };
  data?: Record<string, unknown>;
}

export function actorFields(actor: Actor): { actorType: string; actorId: string | null; actorLabel: string } {
  switch (actor.kind) {
    case 'member':
      return { actorType: 'member', actorId: actor.memberId, actorLabel: actor.label };
    case 'scim':
      return { actorType: 'scim', actorId: actor.tokenId, actorLabel: actor.label };
    default:
      return { actorType: actor.kind, actorId: null, actorLabel: actor.label };
  }
}

/**
 * Appends one entry to the tenant's chain. Must run in the transaction of the change it records;
 * the head row's lock serialises appends per tenant, so the chain never forks.
 */
export async function appendAuditEvent(
  deps: Pick<Deps, 'actor' | 'clock' | 'keyring' | 'requestId'> & { db: Transaction<DB> },
  input: TAuditEventInput,
) {
  const head = await deps.db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', input.tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const fields: ChainedFields = {
    tenantId: input.tenantId,
    seq: head.seq + 1,
    // Millisecond precision, so the stored timestamp hashes back to the same value.
    occurredAt: new Date(deps.clock().getTime()),
    ...actorFields(deps.actor),
    action: input.action,
    outcome: input.outcome ?? 'success',
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    data: input.data ?? {},
    requestId: deps.requestId ?? null,
    prevHash: head.hash,
  };
  const hash = entryHash(deps.keyring.auditKey(input.tenantId), fields);
  await deps.db
    .insertInto('audit_events')
    .values({
      tenant_id: fields.tenantId,
      seq: fields.seq,
      occurred_at: fields.occurredAt,
      actor_type: fields.actorType,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      outcome: fields.outcome,
      target_type: fields.targetType,
      target_id: fields.targetId,
      data: JSON.stringify(fields.data),
      request_id: fields.requestId,
      prev_hash: fields.prevHash,
      hash,
    })
    .execute();
  await deps.db
    .updateTable('audit_heads')
    .set({ seq: fields.seq, hash })
    .where('tenant_id', '=', input.tenantId)
    .execute();
  return { seq: fields.seq, hash };
}
