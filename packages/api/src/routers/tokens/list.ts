import { listApiTokens } from '@butterfly/domain/api-tokens';
import { permissionProcedure } from '../../trpc.ts';

export const listTokensProcedure = permissionProcedure('token.own').query(({ ctx }) =>
  listApiTokens(ctx.deps, ctx.tenantId),
);
