import { listScimTokens } from '@butterfly/domain/scim';
import { permissionProcedure } from '../../trpc.ts';

export const listScimTokensProcedure = permissionProcedure('scim.manage').query(({ ctx }) =>
  listScimTokens(ctx.deps, ctx.tenantId),
);
