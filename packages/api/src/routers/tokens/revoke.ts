import { ZApiTokenId, revokeApiToken } from '@butterfly/domain/api-tokens';
import { ZTokensRevoke } from '../../outputs/tokens.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const revokeTokenProcedure = permissionProcedure('token.own')
  .input(ZApiTokenId)
  .output(returns<Awaited<ReturnType<typeof revokeApiToken>>>()(ZTokensRevoke))
  .mutation(({ ctx, input }) => revokeApiToken(ctx.deps, ctx.tenantId, input));
