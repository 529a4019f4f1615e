import {
  EXCEPTION_APPROVE_PERMISSION,
  EXCEPTION_STATUSES,
  ZRequestException,
  approveException,
  listExceptions,
  rejectException,
  requestException,
  revokeException,
} from '@butterfly/domain/exceptions';
import { z } from 'zod';
import {
  ZExceptionsApprove,
  ZExceptionsList,
  ZExceptionsReject,
  ZExceptionsRequest,
  ZExceptionsRevoke,
} from '../../outputs/exceptions.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure, router } from '../../trpc.ts';

const ZId = z.object({ id: z.string().min(1).max(100) });
const ZClose = z.object({ id: z.string().min(1).max(100), reason: z.string().max(2000).optional() });

/**
 * Compliance exceptions (decision 038): asked for by whoever may run scans, approved or rejected by a
 * second member who may manage connections (never the one who asked), revoked by either.
 */
export const exceptionsRouter = router({
  list: permissionProcedure('compliance.read')
    .input(
      z
        .object({
          connectionId: z.string().max(100).optional(),
          ruleId: z.string().max(100).optional(),
          status: z.enum(EXCEPTION_STATUSES).optional(),
        })
        .optional(),
    )
    .output(returns<Awaited<ReturnType<typeof listExceptions>>>()(ZExceptionsList))
    .query(({ ctx, input }) => listExceptions(ctx.deps, ctx.tenantId, input ?? {})),
  request: permissionProcedure('compliance.run')
    .input(ZRequestException)
    .output(returns<Awaited<ReturnType<typeof requestException>>>()(ZExceptionsRequest))
    .mutation(({ ctx, input }) => requestException(ctx.deps, ctx.tenantId, input)),
  approve: permissionProcedure(EXCEPTION_APPROVE_PERMISSION)
    .input(ZId)
    .output(returns<Awaited<ReturnType<typeof approveException>>>()(ZExceptionsApprove))
    .mutation(({ ctx, input }) => approveException(ctx.deps, ctx.tenantId, input)),
  reject: permissionProcedure(EXCEPTION_APPROVE_PERMISSION)
    .input(ZClose)
    .output(returns<Awaited<ReturnType<typeof rejectException>>>()(ZExceptionsReject))
    .mutation(({ ctx, input }) => rejectException(ctx.deps, ctx.tenantId, input)),
  revoke: permissionProcedure('compliance.run')
    .input(ZClose)
    .output(returns<Awaited<ReturnType<typeof revokeException>>>()(ZExceptionsRevoke))
    .mutation(({ ctx, input }) => revokeException(ctx.deps, ctx.tenantId, input)),
});
