import { ZSetBackupScheduleInput, setBackupSchedule } from '@butterfly/domain/schedules';
import { ZSchedulesSet } from '../../outputs/schedules.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** When a connection's backups run and how many snapshots retention keeps. */
export const setScheduleProcedure = permissionProcedure('schedule.manage')
  .input(ZSetBackupScheduleInput)
  .output(returns<Awaited<ReturnType<typeof setBackupSchedule>>>()(ZSchedulesSet))
  .mutation(({ ctx, input }) => setBackupSchedule(ctx.deps, ctx.tenantId, input));
