import { ZCreateScimTokenInput, createScimToken } from '@butterfly/domain/scim';
import { ZScimTokensCreate } from '../../outputs/scim-tokens.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** The raw token is in this one answer and nowhere else. */
export const createScimTokenProcedure = permissionProcedure('scim.manage')
  .input(ZCreateScimTokenInput)
  .output(returns<Awaited<ReturnType<typeof createScimToken>>>()(ZScimTokensCreate))
  .mutation(({ ctx, input }) => createScimToken(ctx.deps, ctx.tenantId, input));
