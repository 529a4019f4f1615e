import {
  ZBreakGlassInput,
  addBreakGlassAccount,
  listBreakGlassAccounts,
  removeBreakGlassAccount,
} from '@butterfly/domain/break-glass';
import { ZConnectionId } from '@butterfly/domain/connections';
import { ZBreakGlassAdd, ZBreakGlassList, ZBreakGlassRemove } from '../../outputs/break-glass.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure, router } from '../../trpc.ts';

/** A connection's break-glass accounts (decision 037): listed with compliance results, changed with connection settings. */
export const breakGlassRouter = router({
  list: permissionProcedure('compliance.read')
    .input(ZConnectionId)
    .output(returns<Awaited<ReturnType<typeof listBreakGlassAccounts>>>()(ZBreakGlassList))
    .query(({ ctx, input }) => listBreakGlassAccounts(ctx.deps, ctx.tenantId, input)),
  add: permissionProcedure('connection.manage')
    .input(ZBreakGlassInput)
    .output(returns<Awaited<ReturnType<typeof addBreakGlassAccount>>>()(ZBreakGlassAdd))
    .mutation(({ ctx, input }) => addBreakGlassAccount(ctx.deps, ctx.tenantId, input)),
  remove: permissionProcedure('connection.manage')
    .input(ZBreakGlassInput)
    .output(returns<Awaited<ReturnType<typeof removeBreakGlassAccount>>>()(ZBreakGlassRemove))
    .mutation(({ ctx, input }) => removeBreakGlassAccount(ctx.deps, ctx.tenantId, input)),
});
