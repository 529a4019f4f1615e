import { removeDomain } from '@butterfly/domain/sso';
import { z } from 'zod';
import { ZSsoRemoveDomain } from '../../outputs/sso.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const removeDomainProcedure = permissionProcedure('sso.manage')
  .input(z.object({ domain: z.string().trim().min(1).max(253) }))
  .output(returns<Awaited<ReturnType<typeof removeDomain>>>()(ZSsoRemoveDomain))
  .mutation(({ ctx, input }) => removeDomain(ctx.deps, ctx.tenantId, input));
