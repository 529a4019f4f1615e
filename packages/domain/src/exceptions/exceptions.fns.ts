import type { ComplianceExceptions, Selectable } from '@butterfly/db';
import { z } from 'zod';
import { ALL_RULES } from '../compliance/rulesets.ts';
import type { ExceptionAnnotation } from '../compliance/types.ts';
import type { Db, Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/** The longest an exception may run: a year, then it must be asked for (and approved) again. */
export const EXCEPTION_MAX_DAYS = 366;
/** An active exception this close to its expiry is announced once (`exception.expiring`). */
export const EXCEPTION_EXPIRING_DAYS = 7;
export const EXCEPTION_STATUSES = ['requested', 'active', 'rejected', 'revoked', 'expired'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

const RULE_IDS = new Set(ALL_RULES.map((r) => r.id));

export const ZRequestException = z
  .strictObject({
    connectionId: z.string().trim().min(1).max(100),
    ruleId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((id) => RULE_IDS.has(id), 'is not a rule of the current rule set'),
    /** One object (type and id, as the rule's evidence names it), or absent for the whole rule. */
    objectType: z.string().trim().min(1).max(100).optional(),
    objectId: z.string().trim().min(1).max(300).optional(),
    rationale: z.string().trim().min(10, 'must explain the accepted risk (10 characters at least)').max(2000),
    expiresAt: z.coerce.date({ message: 'must be a date and time' }),
  })
  .refine((v) => !v.objectType === !v.objectId, {
    path: ['objectId'],
    message: 'give both the object type and id, or neither for the whole rule',
  });
export type TRequestException = z.input<typeof ZRequestException>;

export const ZExceptionId = z.strictObject({ id: z.uuid({ message: 'is not an exception id' }) });
export const ZCloseException = z.strictObject({
  id: z.uuid({ message: 'is not an exception id' }),
  reason: z.string().trim().max(2000).optional(),
});

/** Expiry must be in the future and at most a year ahead (VALIDATION on `expiresAt`). */
export function checkExpiry(expiresAt: Date, now: Date): void {
  if (expiresAt.getTime() <= now.getTime())
    throw new DomainError('VALIDATION', 'The expiry must be in the future', {
      fields: { expiresAt: 'must be in the future' },
    });
  if (expiresAt.getTime() > now.getTime() + EXCEPTION_MAX_DAYS * 86_400_000)
    throw new DomainError('VALIDATION', 'An exception runs for a year at most', {
      fields: { expiresAt: 'must be at most a year ahead' },
    });
}

/** The member id behind the actor, if a member acts. */
export const actorMemberId = (deps: Pick<Deps, 'actor'>) => (deps.actor.kind === 'member' ? deps.actor.memberId : null);

export interface ExceptionView {
  id: string;
  connectionId: string;
  ruleId: string;
  scope: { objectType: string; objectId: string } | null;
  rationale: string;
  expiresAt: string;
  status: ExceptionStatus;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
}

export const toExceptionView = (r: Selectable<ComplianceExceptions>): ExceptionView => ({
  id: r.id,
  connectionId: r.connection_id,
  ruleId: r.rule_id,
  scope: r.object_type && r.object_id ? { objectType: r.object_type, objectId: r.object_id } : null,
  rationale: r.rationale,
  expiresAt: r.expires_at.toISOString(),
  status: r.status as ExceptionStatus,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at.toISOString(),
  approvedBy: r.approved_by,
  approvedAt: r.approved_at?.toISOString() ?? null,
  closedBy: r.closed_by,
  closedAt: r.closed_at?.toISOString() ?? null,
  closeReason: r.close_reason,
});

export type { ExceptionAnnotation };

export const toAnnotation = (r: Selectable<ComplianceExceptions>): ExceptionAnnotation => ({
  id: r.id,
  scope: r.object_type && r.object_id ? { objectType: r.object_type, objectId: r.object_id } : null,
  rationale: r.rationale,
  expiresAt: r.expires_at.toISOString(),
  requestedBy: r.requested_by,
  approvedBy: r.approved_by ?? '',
  approvedAt: r.approved_at?.toISOString() ?? '',
});

/** One exception row of the tenant, or NOT_FOUND (also for other tenants' ids). */
export async function findExceptionRow(db: Db, tenantId: string, id: string) {
  const row = await db
    .selectFrom('compliance_exceptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such exception');
  return row;
}

/** Active exceptions of a connection in force at `at` (not a permission check: the scan uses it). */
export const activeExceptionsAt = (db: Db, tenantId: string, connectionId: string, at: Date) =>
  db
    .selectFrom('compliance_exceptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'active')
    .where('expires_at', '>', at)
    .orderBy('approved_at')
    .orderBy('id')
    .execute();
