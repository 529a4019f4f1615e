import { ZTestSsoConnectionInput, testSsoConnection } from '@butterfly/domain/sso';
import { ZSsoTestConnection } from '../../outputs/sso.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** A mutation although it changes nothing: it makes outbound requests, which a GET must not trigger. */
export const testConnectionProcedure = permissionProcedure('sso.manage')
  .input(ZTestSsoConnectionInput.optional())
  .output(returns<Awaited<ReturnType<typeof testSsoConnection>>>()(ZSsoTestConnection))
  .mutation(({ ctx, input }) =>
    testSsoConnection({ ...ctx.deps, probeIssuer: ctx.services.probeIssuer }, ctx.tenantId, input ?? {}),
  );
