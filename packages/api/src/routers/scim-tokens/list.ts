import { listScimTokens } from '@butterfly/domain';
import { permissionProcedure } from '../../trpc.ts';

export const listScimTokensProcedure = permissionProcedure('scim.manage').query(({ ctx }) => listScimTokens(ctx.deps, ctx.tenantId));
