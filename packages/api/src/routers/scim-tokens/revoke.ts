import { revokeScimToken } from '@butterfly/domain/scim';
import { z } from 'zod';
import { ZScimTokensRevoke } from '../../outputs/scim-tokens.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const ZRevokeScimTokenProcedureInput = z.object({ tokenId: z.string().trim().min(1) });

export const revokeScimTokenProcedure = permissionProcedure('scim.manage')
  .input(ZRevokeScimTokenProcedureInput)
  .output(returns<Awaited<ReturnType<typeof revokeScimToken>>>()(ZScimTokensRevoke))
  .mutation(({ ctx, input }) => revokeScimToken(ctx.deps, ctx.tenantId, input));
