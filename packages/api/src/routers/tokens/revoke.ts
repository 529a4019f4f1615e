import { ZApiTokenId, revokeApiToken } from '@butterfly/domain/api-tokens';
import { permissionProcedure } from '../../trpc.ts';

export const revokeTokenProcedure = permissionProcedure('token.own')
  .input(ZApiTokenId)
  .mutation(({ ctx, input }) => revokeApiToken(ctx.deps, ctx.tenantId, input));
