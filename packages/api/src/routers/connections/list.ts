import { listConnections } from '@butterfly/domain';
import { permissionProcedure } from '../../trpc.ts';

export const listConnectionsProcedure = permissionProcedure('dashboard.view').query(({ ctx }) => listConnections(ctx.deps, ctx.tenantId));
