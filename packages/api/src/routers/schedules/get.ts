import { ZConnectionId } from '@butterfly/domain/connections';
import { getBackupSchedule } from '@butterfly/domain/schedules';
import { ZSchedulesGet } from '../../outputs/schedules.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const getScheduleProcedure = permissionProcedure('dashboard.view')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof getBackupSchedule>>>()(ZSchedulesGet))
  .query(({ ctx, input }) => getBackupSchedule(ctx.deps, ctx.tenantId, input));
