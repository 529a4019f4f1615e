import { removeDomain } from '@butterfly/domain/sso';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

export const removeDomainProcedure = permissionProcedure('sso.manage')
  .input(z.object({ domain: z.string().trim().min(1).max(253) }))
  .mutation(({ ctx, input }) => removeDomain(ctx.deps, ctx.tenantId, input));
