import { listRecentRecoverySignIns } from '@butterfly/domain/recovery';
import { permissionProcedure } from '../../trpc.ts';

/** Break-glass sign-ins of the last 7 days, for the super_admins' dashboard notice. */
export const recentRecoveryProcedure = permissionProcedure('tenant.manage').query(({ ctx }) =>
  listRecentRecoverySignIns(ctx.deps, ctx.tenantId),
);
