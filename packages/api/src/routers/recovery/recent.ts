import { listRecentRecoverySignIns } from '@butterfly/domain/recovery';
import { ZRecoveryRecent } from '../../outputs/recovery.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Break-glass sign-ins of the last 7 days, for the super_admins' dashboard notice. */
export const recentRecoveryProcedure = permissionProcedure('tenant.manage')
  .output(returns<Awaited<ReturnType<typeof listRecentRecoverySignIns>>>()(ZRecoveryRecent))
  .query(({ ctx }) => listRecentRecoverySignIns(ctx.deps, ctx.tenantId));
