import { ZTestSsoConnectionInput, testSsoConnection } from '@butterfly/domain/sso';
import { permissionProcedure } from '../../trpc.ts';

/** A mutation although it changes nothing: it makes outbound requests, which a GET must not trigger. */
export const testConnectionProcedure = permissionProcedure('sso.manage')
  .input(ZTestSsoConnectionInput.optional())
  .mutation(({ ctx, input }) =>
    testSsoConnection({ ...ctx.deps, probeIssuer: ctx.services.probeIssuer }, ctx.tenantId, input ?? {}),
  );
