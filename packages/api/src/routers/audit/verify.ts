import { verifyAuditChain } from '@butterfly/domain/audit-review';
import { permissionProcedure } from '../../trpc.ts';

export const verifyAuditProcedure = permissionProcedure('audit.read').query(({ ctx }) =>
  verifyAuditChain(ctx.deps, { tenantId: ctx.tenantId }),
);
