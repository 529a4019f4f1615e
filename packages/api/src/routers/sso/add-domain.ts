import { addDomain } from '@butterfly/domain/sso';
import { z } from 'zod';
import { ZSsoAddDomain } from '../../outputs/sso.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Adds the domain unverified and returns the TXT record to publish. */
export const addDomainProcedure = permissionProcedure('sso.manage')
  .input(z.object({ domain: z.string().trim().min(1).max(253) }))
  .output(returns<Awaited<ReturnType<typeof addDomain>>>()(ZSsoAddDomain))
  .mutation(({ ctx, input }) => addDomain(ctx.deps, ctx.tenantId, input));
