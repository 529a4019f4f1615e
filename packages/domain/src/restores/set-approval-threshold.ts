import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';

export const ZSetRestoreThresholdInput = z.object({ threshold: z.number().int().min(0).max(10_000_000) });

/**
 * How many users a plan may provision or deprovision before a second member must approve it. A
 * tenant setting (tenant.manage); plans computed before keep the threshold they were computed with.
 */
export async function setRestoreApprovalThreshold(
  deps: Deps,
  tenantId: string,
  raw: z.input<typeof ZSetRestoreThresholdInput>,
) {
  const { threshold } = parseInput(ZSetRestoreThresholdInput, raw);
  await authorize(deps, tenantId, 'tenant.manage');
  return inTransaction(deps.db, async (trx) => {
    const before = await trx
      .selectFrom('tenants')
      .select('restore_approval_threshold')
      .where('id', '=', tenantId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('tenants')
      .set({ restore_approval_threshold: threshold, updated_at: deps.clock() })
      .where('id', '=', tenantId)
      .execute();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: 'restore.threshold_set',
        target: { type: 'tenant', id: tenantId },
        data: { from: before.restore_approval_threshold, to: threshold },
      },
    );
    return { threshold };
  });
}
