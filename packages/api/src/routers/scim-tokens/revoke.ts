import { revokeScimToken } from '@butterfly/domain/scim';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const ZRevokeScimTokenProcedureInput = z.object({ tokenId: z.string().trim().min(1) });

export const revokeScimTokenProcedure = permissionProcedure('scim.manage')
  .input(ZRevokeScimTokenProcedureInput)
  .mutation(({ ctx, input }) => revokeScimToken(ctx.deps, ctx.tenantId, input));
