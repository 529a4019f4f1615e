import { ZSetBackupScheduleInput, setBackupSchedule } from '@butterfly/domain/schedules';
import { permissionProcedure } from '../../trpc.ts';

/** When a connection's backups run and how many snapshots retention keeps. */
export const setScheduleProcedure = permissionProcedure('schedule.manage')
  .input(ZSetBackupScheduleInput)
  .mutation(({ ctx, input }) => setBackupSchedule(ctx.deps, ctx.tenantId, input));
