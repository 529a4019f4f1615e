import { ZApiTokenId, revokeApiToken } from '@butterfly/domain/api-tokens';
import { ZTokensRevokeToken } from '../../outputs/tokens.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const revokeTokenProcedure = permissionProcedure('token.own')
  .input(ZApiTokenId)
  .output(returns<Awaited<ReturnType<typeof revokeApiToken>>>()(ZTokensRevokeToken))
  .mutation(({ ctx, input }) => revokeApiToken(ctx.deps, ctx.tenantId, input));
