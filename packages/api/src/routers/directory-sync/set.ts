import { setDirectorySync, ZSetDirectorySyncInput } from '@butterfly/domain/directory-sync';
import { ZDirectorySyncSet } from '../../outputs/directory-sync.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Decision 064: sync on or off and the role groups (the super_admin group needs tenant.manage, checked in the domain). */
export const setDirectorySyncProcedure = permissionProcedure('connection.manage')
  .input(ZSetDirectorySyncInput)
  .output(returns<Awaited<ReturnType<typeof setDirectorySync>>>()(ZDirectorySyncSet))
  .mutation(({ ctx, input }) => setDirectorySync(ctx.deps, ctx.tenantId, input));
