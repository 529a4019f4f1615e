import { listConnections } from '@butterfly/domain/connections';
import { z } from 'zod';
import { ZConnectionView } from '../../outputs/connections.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** `includeDeleted`: also those deleted with their snapshots kept (read-only). */
export const listConnectionsProcedure = permissionProcedure('dashboard.view')
  .input(z.object({ includeDeleted: z.boolean().optional() }).optional())
  .output(returns<Awaited<ReturnType<typeof listConnections>>>()(z.array(ZConnectionView)))
  .query(({ ctx, input }) => listConnections(ctx.deps, ctx.tenantId, { includeDeleted: input?.includeDeleted }));
