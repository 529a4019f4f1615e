import { ZConnectionId } from '@butterfly/domain/connections';
import { getDirectorySyncStatus } from '@butterfly/domain/directory-sync';
import { ZDirectorySyncStatus } from '../../outputs/directory-sync.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Decision 064: a Google connection's directory sync (on/off, role groups, last run, lag, last error). */
export const directorySyncStatusProcedure = permissionProcedure('dashboard.view')
  .input(ZConnectionId)
  .output(returns<Awaited<ReturnType<typeof getDirectorySyncStatus>>>()(ZDirectorySyncStatus))
  .query(({ ctx, input }) => getDirectorySyncStatus(ctx.deps, ctx.tenantId, input));
