import { verifyDomain } from '@butterfly/domain/sso';
import { z } from 'zod';
import { ZSsoVerifyDomain } from '../../outputs/sso.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** Always by DNS (the app's configured resolver): marking a domain verified by hand is an operator's CLI act. */
export const verifyDomainProcedure = permissionProcedure('sso.manage')
  .input(z.object({ domain: z.string().trim().min(1).max(253) }))
  .output(returns<Awaited<ReturnType<typeof verifyDomain>>>()(ZSsoVerifyDomain))
  .mutation(({ ctx, input }) =>
    verifyDomain({ ...ctx.deps, resolveTxt: ctx.services.resolveTxt }, ctx.tenantId, {
      domain: input.domain,
      method: 'dns',
    }),
  );
