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
 * Appends entries to the tenant's chain. Must run in the transaction of the change they record; the
 * head row's lock serialises appends per tenant, so the chain never forks. Two round trips whatever
 * the number of entries (lock and read the head; insert and move the head in one statement), because
 * the lock is held until commit and every write of the tenant waits on it.
 */
export async function appendAuditEvent(
  deps: Pick<Deps, 'actor' | 'clock' | 'keyring' | 'requestId'> & { db: Transaction<DB> },
  input: TAuditEventInput | TAuditEventInput[],
) {
  const inputs = Array.isArray(input) ? input : [input];
  const tenantId = inputs[0]!.tenantId;
  if (inputs.some((i) => i.tenantId !== tenantId)) throw new Error('appendAuditEvent: one tenant per call');
  const head = await deps.db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const key = deps.keyring.auditKey(tenantId);
  // Millisecond precision, so the stored timestamp hashes back to the same value.
  const occurredAt = new Date(deps.clock().getTime());
  const actor = actorFields(deps.actor);
  let { seq, hash: prevHash } = head;
  const rows = inputs.map((i) => {
    const fields: ChainedFields = {
      tenantId,
      seq: ++seq,
      occurredAt,
      ...actor,
      action: i.action,
      outcome: i.outcome ?? 'success',
      targetType: i.target?.type ?? null,
      targetId: i.target?.id ?? null,
      data: i.data ?? {},
      requestId: deps.requestId ?? null,
      prevHash,
    };
    prevHash = entryHash(key, fields);
    return {
      tenant_id: tenantId,
      seq: fields.seq,
      occurred_at: occurredAt,
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
      hash: prevHash,
    };
  });
  await deps.db
    .with('inserted', (db) => db.insertInto('audit_events').values(rows))
    .updateTable('audit_heads')
    .set({ seq, hash: prevHash })
    .where('tenant_id', '=', tenantId)
    .execute();
  return { seq, hash: prevHash };
}
