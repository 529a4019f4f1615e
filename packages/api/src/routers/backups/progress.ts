import { ZConnectionId } from '@butterfly/domain/connections';
import { getBackupProgress } from '@butterfly/domain/snapshots';
import { ZBackupsProgress } from '../../outputs/backups.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Polled by the dashboard about once a second while a backup runs. */
export const backupProgressProcedure = permissionProcedure('dashboard.view')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof getBackupProgress>>>()(ZBackupsProgress))
  .query(({ ctx, input }) => getBackupProgress(ctx.deps, ctx.tenantId, input));
