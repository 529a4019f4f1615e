import { ZCreateScimTokenInput, createScimToken } from '@butterfly/domain/scim';
import { permissionProcedure } from '../../trpc.ts';

/** The raw token is in this one answer and nowhere else. */
export const createScimTokenProcedure = permissionProcedure('scim.manage')
  .input(ZCreateScimTokenInput)
  .mutation(({ ctx, input }) => createScimToken(ctx.deps, ctx.tenantId, input));
