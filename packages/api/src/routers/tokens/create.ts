import { ZCreateApiTokenInput, createApiToken } from '@butterfly/domain/api-tokens';
import { ZTokensCreate } from '../../outputs/tokens.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** The raw token is in this one answer and nowhere else; the domain refuses callers holding a token. */
export const createTokenProcedure = permissionProcedure('token.own')
  .input(ZCreateApiTokenInput)
  .output(returns<Awaited<ReturnType<typeof createApiToken>>>()(ZTokensCreate))
  .mutation(({ ctx, input }) => createApiToken(ctx.deps, ctx.tenantId, input));
