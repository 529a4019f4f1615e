import { listRecentRecoverySignIns } from '@butterfly/domain/recovery';
import { ZRecoveryRecentRecovery } from '../../outputs/recovery.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Break-glass sign-ins of the last 7 days, for the super_admins' dashboard notice. */
export const recentRecoveryProcedure = permissionProcedure('tenant.manage')
  .output(returns<Awaited<ReturnType<typeof listRecentRecoverySignIns>>>()(ZRecoveryRecentRecovery))
  .query(({ ctx }) => listRecentRecoverySignIns(ctx.deps, ctx.tenantId));
