import { ZConnectionId } from '@butterfly/domain/connections';
import { getBackupSchedule } from '@butterfly/domain/schedules';
import { permissionProcedure } from '../../trpc.ts';

export const getScheduleProcedure = permissionProcedure('dashboard.view')
  .input(ZConnectionId)
  .query(({ ctx, input }) => getBackupSchedule(ctx.deps, ctx.tenantId, input));
