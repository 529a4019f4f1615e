import { z } from 'zod';
import { findConnectionRow } from '../connections/get-connection.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { EXCEPTION_STATUSES, toExceptionView } from './exceptions.fns.ts';

const ZListExceptions = z.strictObject({
  connectionId: z.string().trim().min(1).max(100).optional(),
  ruleId: z.string().trim().min(1).max(100).optional(),
  status: z.enum(EXCEPTION_STATUSES).optional(),
});

/** The tenant's exceptions, newest request first, optionally of one connection, rule or status. Needs `compliance.read`. */
export async function listExceptions(deps: Deps, tenantId: string, raw: z.input<typeof ZListExceptions> = {}) {
  const input = parseInput(ZListExceptions, raw);
  await authorize(deps, tenantId, 'compliance.read');
  let q = deps.db.selectFrom('compliance_exceptions').selectAll().where('tenant_id', '=', tenantId);
  if (input.connectionId)
    q = q.where('connection_id', '=', (await findConnectionRow(deps.db, tenantId, input.connectionId)).id);
  if (input.ruleId) q = q.where('rule_id', '=', input.ruleId);
  if (input.status) q = q.where('status', '=', input.status);
  const rows = await q.orderBy('requested_at', 'desc').orderBy('id').limit(500).execute();
  return rows.map(toExceptionView);
}
