import { type AuditPage, ZListAuditEventsInput, listAuditEvents } from '@butterfly/domain/audit-review';
import { ZAuditPage } from '../../outputs/audit.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const listAuditProcedure = permissionProcedure('audit.read')
  .input(ZListAuditEventsInput.partial().optional())
  .output(returns<AuditPage>()(ZAuditPage))
  .query(({ ctx, input }) => listAuditEvents(ctx.deps, ctx.tenantId, input ?? {}));
