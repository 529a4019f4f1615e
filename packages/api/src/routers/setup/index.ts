import { getSetupStatus } from '@butterfly/domain/setup';
import { ZSetupStatus } from '../../outputs/setup.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure, router } from '../../trpc.ts';

/** The home page's checklist: what a new tenant has set up, and a short status once it has. */
export const setupRouter = router({
  status: permissionProcedure('dashboard.view')
    .output(returns<Awaited<ReturnType<typeof getSetupStatus>>>()(ZSetupStatus))
    .query(({ ctx }) => getSetupStatus(ctx.deps, ctx.tenantId)),
});
