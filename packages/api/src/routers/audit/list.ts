import { ZListAuditEventsInput, listAuditEvents } from '@butterfly/domain/audit-review';
import { permissionProcedure } from '../../trpc.ts';

export const listAuditProcedure = permissionProcedure('audit.read')
  .input(ZListAuditEventsInput.partial().optional())
  .query(({ ctx, input }) => listAuditEvents(ctx.deps, ctx.tenantId, input ?? {}));
