import { ZUpdateConnectionInput, updateConnection } from '@butterfly/domain/connections';
import { permissionProcedure } from '../../trpc.ts';

/** Rename and/or replace the backup credential (sealed; never returned). */
export const updateConnectionProcedure = permissionProcedure('connection.manage')
  .input(ZUpdateConnectionInput)
  .mutation(({ ctx, input }) => updateConnection(ctx.deps, ctx.tenantId, input));
