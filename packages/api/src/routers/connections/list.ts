import { listConnections } from '@butterfly/domain/connections';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

/** `includeDeleted`: also those deleted with their snapshots kept (read-only). */
export const listConnectionsProcedure = permissionProcedure('dashboard.view')
  .input(z.object({ includeDeleted: z.boolean().optional() }).optional())
  .query(({ ctx, input }) => listConnections(ctx.deps, ctx.tenantId, { includeDeleted: input?.includeDeleted }));
