import { ZConnectionId } from '@butterfly/domain/connections';
import { requestDirectorySync } from '@butterfly/domain/directory-sync';
import { ZDirectorySyncRun } from '../../outputs/directory-sync.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Decision 064: "Sync now": queues a `directory-sync.run` job (one per connection at a time). */
export const runDirectorySyncProcedure = permissionProcedure('connection.manage')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof requestDirectorySync>>>()(ZDirectorySyncRun))
  .mutation(({ ctx, input }) => requestDirectorySync(ctx.deps, ctx.tenantId, input));
