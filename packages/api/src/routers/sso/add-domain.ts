import { addDomain } from '@butterfly/domain/sso';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

/** Adds the domain unverified and returns the TXT record to publish. */
export const addDomainProcedure = permissionProcedure('sso.manage')
  .input(z.object({ domain: z.string().trim().min(1).max(253) }))
  .mutation(({ ctx, input }) => addDomain(ctx.deps, ctx.tenantId, input));
