import { ZConnectionId } from '@butterfly/domain/connections';
import { requestBackup } from '@butterfly/domain/snapshots';
import { ZBackupRequest } from '../../outputs/backups.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** "Backup now": queues the backup job (deduplicated per connection); the worker runs it. */
export const runBackupProcedure = permissionProcedure('backup.run')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof requestBackup>>>()(ZBackupRequest))
  .mutation(({ ctx, input }) => requestBackup(ctx.deps, ctx.tenantId, input));
