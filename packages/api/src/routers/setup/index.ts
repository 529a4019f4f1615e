import { getSetupStatus } from '@butterfly/domain/setup';
import { permissionProcedure, router } from '../../trpc.ts';

/** The home page's checklist: what a new tenant has set up, and a short status once it has. */
export const setupRouter = router({
  status: permissionProcedure('dashboard.view').query(({ ctx }) => getSetupStatus(ctx.deps, ctx.tenantId)),
});
