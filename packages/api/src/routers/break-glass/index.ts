import {
  ZBreakGlassInput,
  addBreakGlassAccount,
  listBreakGlassAccounts,
  removeBreakGlassAccount,
} from '@butterfly/domain/break-glass';
import { ZConnectionId } from '@butterfly/domain/connections';
import { permissionProcedure, router } from '../../trpc.ts';

/** A connection's break-glass accounts (decision 037): listed with compliance results, changed with connection settings. */
export const breakGlassRouter = router({
  list: permissionProcedure('compliance.read')
    .input(ZConnectionId)
    .query(({ ctx, input }) => listBreakGlassAccounts(ctx.deps, ctx.tenantId, input)),
  add: permissionProcedure('connection.manage')
    .input(ZBreakGlassInput)
    .mutation(({ ctx, input }) => addBreakGlassAccount(ctx.deps, ctx.tenantId, input)),
  remove: permissionProcedure('connection.manage')
    .input(ZBreakGlassInput)
    .mutation(({ ctx, input }) => removeBreakGlassAccount(ctx.deps, ctx.tenantId, input)),
});
