import { verifyDomain } from '@butterfly/domain/sso';
import { z } from 'zod';
import { permissionProcedure } from '../../trpc.ts';

/** Always by DNS (the app's configured resolver): marking a domain verified by hand is an operator's CLI act. */
export const verifyDomainProcedure = permissionProcedure('sso.manage')
  .input(z.object({ domain: z.string().trim().min(1).max(253) }))
  .mutation(({ ctx, input }) =>
    verifyDomain({ ...ctx.deps, resolveTxt: ctx.services.resolveTxt }, ctx.tenantId, {
      domain: input.domain,
      method: 'dns',
    }),
  );
