import { ZConnectionId } from '@butterfly/domain/connections';
import { requestBackup } from '@butterfly/domain/snapshots';
import { permissionProcedure } from '../../trpc.ts';

/** "Backup now": queues the backup job (deduplicated per connection); the worker runs it. */
export const runBackupProcedure = permissionProcedure('backup.run')
  .input(ZConnectionId)
  .mutation(({ ctx, input }) => requestBackup(ctx.deps, ctx.tenantId, input));
