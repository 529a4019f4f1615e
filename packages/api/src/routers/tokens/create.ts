import { ZCreateApiTokenInput, createApiToken } from '@butterfly/domain/api-tokens';
import { permissionProcedure } from '../../trpc.ts';

/** The raw token is in this one answer and nowhere else; the domain refuses callers holding a token. */
export const createTokenProcedure = permissionProcedure('token.own')
  .input(ZCreateApiTokenInput)
  .mutation(({ ctx, input }) => createApiToken(ctx.deps, ctx.tenantId, input));
