import { verifyAuditChain } from '@butterfly/domain/audit-review';
import { ZAuditVerify } from '../../outputs/audit.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const verifyAuditProcedure = permissionProcedure('audit.read')
  .output(returns<Awaited<ReturnType<typeof verifyAuditChain>>>()(ZAuditVerify))
  .query(({ ctx }) => verifyAuditChain(ctx.deps, { tenantId: ctx.tenantId }));
