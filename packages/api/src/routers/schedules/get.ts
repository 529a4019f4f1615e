import { ZConnectionId, getBackupSchedule } from '@butterfly/domain';
import { permissionProcedure } from '../../trpc.ts';

export const getScheduleProcedure = permissionProcedure('dashboard.view')
  .input(ZConnectionId)
  .query(({ ctx, input }) => getBackupSchedule(ctx.deps, ctx.tenantId, input));
